/*
 * mfork.c -- lab test: a tree of 8 processes from three nested forks.
 *
 * Every process takes an identity 0-7 from which forks it was the child
 * of, stamps it on a global, a heap block and a stack array, lets the
 * others run, and checks that its memory still carries only its own
 * identity. Each process waits for its children and exits with failure if
 * any of them (or itself) failed, so the root's result covers the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/wait.h>

#define WORDS 1024

static long global_stamp[WORDS];

static int check(long *stack_stamp, long *heap_stamp, long id) {
  for (int i = 0; i < WORDS; i++)
    if (global_stamp[i] != id * 1000 + i || heap_stamp[i] != id * 1000 + i || stack_stamp[i % 64] != id)
      return 1;
  return 0;
}

int main(void) {
  long stack_stamp[64];
  long *heap_stamp = malloc(WORDS * sizeof(long));
  long id = 0;
  int failed = 0, status;

  if (heap_stamp == NULL) {
    printf("FAIL mfork: malloc returned NULL\n");
    return 1;
  }
  for (int level = 0; level < 3; level++) {
    pid_t pid = fork();
    if (pid < 0) {
      printf("FAIL mfork: fork failed\n");
      return 1;
    }
    if (pid == 0)
      id |= 1L << (2 - level);
  }
  for (int i = 0; i < WORDS; i++) {
    global_stamp[i] = id * 1000 + i;
    heap_stamp[i] = id * 1000 + i;
  }
  for (int i = 0; i < 64; i++)
    stack_stamp[i] = id;
  sched_yield();
  failed = check(stack_stamp, heap_stamp, id);
  printf("[mfork] process %ld [PID = %d, parent %d] %s\n", id, getpid(), getppid(), failed ? "corrupted" : "ok");

  while (wait(&status) > 0)
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      failed = 1;
  if (id == 0)
    printf(failed ? "FAIL mfork: a process found another's data in its memory\n" : "PASS mfork\n");
  return failed;
}
