#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

static int table[1024];

int main(void) {
  for (int i = 0; i < 1024; i++) table[i] = i;
  for (int k = 0; k < 3; k++) {
    pid_t p = fork();
    if (p == 0) {
      long s = 0;
      for (int i = 0; i < 1024; i++) { table[i] += k; s += table[i]; }
      printf("child %d sum %ld\n", k, s);
      _exit(k);
    }
    waitpid(p, NULL, 0);
  }
  long s = 0;
  for (int i = 0; i < 1024; i++) s += table[i];
  printf("parent sum %ld\n", s);
  return (int)(s % 256);
}
