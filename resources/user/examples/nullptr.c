/*
 * nullptr.c -- a NULL dereference kills only the process that does it.
 * The child writes through a NULL pointer; no VMA covers address 0, so the
 * kernel kills it (SIGSEGV) and the parent reads that from wait().
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  int status;
  pid_t pid = fork();
  if (pid == 0) {
    volatile int *p = NULL;
    printf("nullptr: child [PID = %d] writes to address 0\n", getpid());
    *p = 42;
    printf("nullptr: still alive?!\n");
    return 0;
  }
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status))
    printf("nullptr: child was killed by signal %d (SIGSEGV is 11); the parent lives on\n", WTERMSIG(status));
  else
    printf("nullptr: child exited with status %d\n", WEXITSTATUS(status));
  return 0;
}
