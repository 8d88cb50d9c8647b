#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  pid_t ids[4];
  for (int i = 0; i < 4; i++) {
    ids[i] = fork();
    if (ids[i] == 0) _exit(40 + i);
  }
  int total = 0;
  for (int i = 3; i >= 0; i--) {
    int st;
    pid_t got = waitpid(ids[i], &st, 0);
    printf("reaped %d with %d\n", got == ids[i], WEXITSTATUS(st));
    total += WEXITSTATUS(st);
  }
  printf("no more children: %d\n", wait(NULL) < 0);
  return total;
}
