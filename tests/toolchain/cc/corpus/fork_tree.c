#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
/* a binary fork tree of depth 3; every process reports its depth and path */
int main(void) {
  char path[8] = "";
  int depth = 0;
  for (int i = 0; i < 3; i++) {
    pid_t pid = fork();
    if (pid < 0) { printf("fork failed\n"); return 1; }
    path[depth++] = pid == 0 ? 'L' : 'R';
    path[depth] = 0;
  }
  printf("leaf %s\n", path);
  while (wait(0) > 0) {}
  return 0;
}
