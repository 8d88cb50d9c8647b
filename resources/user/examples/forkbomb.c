/*
 * forkbomb.c -- a bounded fork bomb: eight rounds of "everyone forks"
 * would make 256 processes, more than the kernel's process table holds.
 * fork then fails (EAGAIN) instead of taking the machine down; every
 * process waits for its children and exits, and the system stays usable.
 */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  int root = getpid();
  int failures = 0, first_error = 0, status, children = 0;
  for (int round = 0; round < 8; round++) {
    pid_t pid = fork();
    if (pid < 0) {
      if (failures++ == 0)
        first_error = errno;
      continue;
    }
    if (pid == 0) {
      failures = 0;
      children = 0;
    } else {
      children++;
    }
  }
  while (wait(&status) > 0)
    ;
  if (getpid() == root) {
    printf("forkbomb: root forked %d children, fork failed %d times", children, failures);
    if (failures)
      printf(" (first error: %s)", strerror(first_error));
    printf("\nforkbomb: every process has exited; the system survived\n");
  }
  return 0;
}
