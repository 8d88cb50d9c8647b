#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
  int total = 0;
  for (int i = 1; i <= 5; i++) {
    pid_t pid = fork();
    if (pid == 0) exit(i * 10);
    int st;
    waitpid(pid, &st, 0);
    if (WIFEXITED(st)) total += WEXITSTATUS(st);
  }
  printf("sum of child statuses %d\n", total);
  return total == 150 ? 0 : 1;
}
