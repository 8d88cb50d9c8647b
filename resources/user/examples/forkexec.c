/*
 * forkexec.c -- fork, then exec: the child replaces its program with
 * "hello" from the initrd; the parent waits for it.
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  int status;
  pid_t pid = fork();
  if (pid == 0) {
    char *argv[] = {"hello", NULL};
    execve("hello", argv, NULL);
    perror("forkexec: execve");
    return 127;
  }
  waitpid(pid, &status, 0);
  printf("forkexec: child [PID = %d] ran hello and exited with status %d\n", pid, WEXITSTATUS(status));
  return 0;
}
