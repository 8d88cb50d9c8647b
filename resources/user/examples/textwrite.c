/*
 * textwrite.c -- writing into the program's own code. The text VMA is
 * read+execute only, so the store faults even though a VMA covers the
 * address, and the kernel kills the process for the permission violation.
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  int status;
  pid_t pid = fork();
  if (pid == 0) {
    volatile unsigned int *code = (unsigned int *)main;
    printf("textwrite: child [PID = %d] writes to its code at %p\n", getpid(), (void *)code);
    *code = 0;
    return 0;
  }
  waitpid(pid, &status, 0);
  printf("textwrite: child was %s %d\n", WIFSIGNALED(status) ? "killed by signal" : "exited with status",
         WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
  return 0;
}
