/* A chain: each process forks one child, down to depth 5; exit codes add up the depths. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

static int chain(int depth) {
  if (depth == 5) return depth;
  pid_t p = fork();
  if (p == 0) _exit(chain(depth + 1));
  int st;
  waitpid(p, &st, 0);
  return depth + WEXITSTATUS(st);
}

int main(void) {
  int total = chain(0);
  printf("sum of depths %d\n", total);
  return total;
}
