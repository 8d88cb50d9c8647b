/*
 * forkbomb.c -- a bounded fork bomb: eight rounds of "everyone forks"
 * would make 256 processes, more than the kernel's process table holds.
 * fork then fails (EAGAIN) instead of taking the machine down; every
 * process waits for its children and exits, and the system stays usable.
 * The processes count successes and failures in one MAP_SHARED page.
 */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

struct tally {
  int forked;
  int failed;
  int first_error;
};

int main(void) {
  int root = getpid();
  int status;
  struct tally *t = mmap(NULL, sizeof *t, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (t == MAP_FAILED) {
    printf("forkbomb: mmap failed\n");
    return 1;
  }
  for (int round = 0; round < 8; round++) {
    pid_t pid = fork();
    if (pid < 0) {
      if (t->failed++ == 0)
        t->first_error = errno;
    } else if (pid > 0) {
      t->forked++;
    }
  }
  while (wait(&status) > 0)
    ;
  if (getpid() == root) {
    printf("forkbomb: %d forks succeeded, %d failed", t->forked, t->failed);
    if (t->failed)
      printf(" (first error: %s)", strerror(t->first_error));
    printf("\nforkbomb: every process has exited; the system survived\n");
  }
  return 0;
}
