/*
 * shared.c -- MAP_SHARED vs MAP_PRIVATE after fork.
 * The child counts to 1000 in a shared page and in a private one. The
 * shared page is the same frame in both processes (no copy-on-write), so
 * the parent sees 1000; its private page was copied on the child's first
 * write, so the parent still sees 0.
 */
#include <stdio.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>

int main(void) {
  int status;
  volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  volatile int *private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED || private == MAP_FAILED) {
    printf("shared: mmap failed\n");
    return 1;
  }
  *shared = 0;
  *private = 0;
  if (fork() == 0) {
    for (int i = 0; i < 1000; i++) {
      (*shared)++;
      (*private)++;
      if (i % 250 == 0)
        sched_yield();
    }
    return 0;
  }
  wait(&status);
  printf("shared: parent sees shared counter %d and private counter %d\n", *shared, *private);
  if (*shared == 1000 && *private == 0)
    printf("shared: MAP_SHARED is shared, MAP_PRIVATE is copied on write\n");
  munmap((void *)shared, 4096);
  munmap((void *)private, 4096);
  return 0;
}
