/* A fork tree three levels deep; each process reports its depth, parents wait. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  int depth = 0;
  for (int i = 0; i < 3; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      depth++;
    } else {
      int status = 0;
      waitpid(pid, &status, 0);
      printf("depth %d: child exited with %d\n", depth, WEXITSTATUS(status));
    }
  }
  return depth;
}
