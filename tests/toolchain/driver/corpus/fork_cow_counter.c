/* After fork, writes in the child must not be seen by the parent (copy-on-write). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int counter = 100;

int main(void) {
  int *heap = malloc(16 * sizeof(int));
  for (int i = 0; i < 16; i++) heap[i] = i;
  pid_t pid = fork();
  if (pid == 0) {
    counter += 5;
    for (int i = 0; i < 16; i++) heap[i] *= 10;
    printf("child: counter=%d heap[15]=%d\n", counter, heap[15]);
    exit(7);
  }
  int status;
  wait(&status);
  printf("parent: counter=%d heap[15]=%d child status=%d\n", counter, heap[15], WEXITSTATUS(status));
  return 0;
}
