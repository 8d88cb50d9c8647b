#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
int global = 1;
int main(void) {
  int local = 10;
  int *heap = malloc(sizeof(int));
  *heap = 100;
  pid_t pid = fork();
  if (pid == 0) {
    global++; local++; (*heap)++;
    printf("child %d %d %d\n", global, local, *heap);
    return 0;
  }
  wait(0);
  printf("parent %d %d %d\n", global, local, *heap);
  return 0;
}
