#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
  for (int gen = 0; gen < 3; gen++) {
    pid_t pid = fork();
    if (pid > 0) { int st; waitpid(pid, &st, 0); printf("gen %d saw child exit %d\n", gen, WEXITSTATUS(st)); return gen; }
  }
  printf("last generation\n");
  return 7;
}
