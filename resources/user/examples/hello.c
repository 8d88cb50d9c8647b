/* hello.c -- the smallest program: prints who it is. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
  printf("hello from pid %d (parent %d)\n", getpid(), getppid());
  return 0;
}
