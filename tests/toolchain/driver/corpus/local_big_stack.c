#include <stdio.h>
#include <string.h>

static long deep(int n) {
  char pad[512];
  memset(pad, n, sizeof pad);
  if (n == 0) return pad[0];
  return pad[511] + deep(n - 1);
}

int main(void) {
  int local[4096];
  for (int i = 0; i < 4096; i++) local[i] = i ^ 0x55;
  long s = 0;
  for (int i = 0; i < 4096; i++) s += local[i];
  printf("s=%ld deep=%ld\n", s, deep(60));
  return (int)(deep(10) % 256);
}
