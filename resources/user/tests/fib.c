/*
 * fib.c -- lab test: a Fibonacci array built across forks.
 *
 * Each process computes one more entry and forks a child to continue; the
 * child inherits (copy-on-write) every entry computed so far. The last
 * process verifies the whole array; every parent checks that its child's
 * entry never appeared in its own copy, then exits with the child's status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#define N 12

static long fib[N];

static int verify(void) {
  long a = 0, b = 1;
  for (int i = 0; i < N; i++) {
    if (fib[i] != a) {
      printf("[fib] fib[%d] = %ld, expected %ld\n", i, fib[i], a);
      return 1;
    }
    long next = a + b;
    a = b;
    b = next;
  }
  return 0;
}

int main(void) {
  int root = getpid();
  fib[0] = 0;
  fib[1] = 1;
  for (int i = 2; i < N; i++) {
    int status = -1;
    pid_t pid = fork();
    if (pid < 0) {
      printf("FAIL fib: fork failed at entry %d\n", i);
      return 1;
    }
    if (pid == 0) {
      fib[i] = fib[i - 1] + fib[i - 2];
      printf("[fib] [PID = %d] fib[%d] = %ld\n", getpid(), i, fib[i]);
      continue;
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
      status = 1 << 8;
    if (fib[i] != 0) {
      printf("[fib] [PID = %d] sees its child's fib[%d]\n", getpid(), i);
      status = 1 << 8;
    }
    if (getpid() == root) {
      if (WEXITSTATUS(status) == 0)
        printf("PASS fib\n");
      else
        printf("FAIL fib: a process in the chain found a wrong value\n");
    }
    return WEXITSTATUS(status);
  }
  return verify();
}
