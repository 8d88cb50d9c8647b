#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  int sum = 0;
  for (int i = 1; i <= 5; i++) {
    pid_t p = fork();
    if (p == 0) _exit(i * i);
    int st;
    waitpid(p, &st, 0);
    printf("child %d exited %d\n", i, WEXITSTATUS(st));
    sum += WEXITSTATUS(st);
  }
  return sum;
}
