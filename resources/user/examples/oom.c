/*
 * oom.c -- running out of memory. The program mallocs and touches 1 MiB
 * blocks until malloc returns NULL: the kernel refuses to grow the heap
 * (brk) past what RAM can back, so the program gets an error it can print
 * instead of being killed. Then it checks that fork still answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>

#define BLOCK (1 << 20)

int main(void) {
  int blocks = 0, status;
  pid_t pid;
  for (;;) {
    char *p = malloc(BLOCK);
    if (p == NULL)
      break;
    for (int off = 0; off < BLOCK; off += 4096)
      p[off] = 1;
    blocks++;
  }
  printf("oom: malloc returned NULL after %d MiB (%s)\n", blocks, strerror(errno));
  pid = fork();
  if (pid == 0)
    _exit(7);
  if (pid < 0) {
    printf("oom: fork failed too (%s)\n", strerror(errno));
    return 0;
  }
  waitpid(pid, &status, 0);
  printf("oom: fork still works: child exited with status %d\n", WEXITSTATUS(status));
  return 0;
}
