#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>
int main(void) {
  char *p = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) { printf("mmap failed\n"); return 1; }
  for (int i = 0; i < 8192; i += 512) p[i] = (char)(i / 512);
  int s = 0;
  for (int i = 0; i < 8192; i += 512) s += p[i];
  printf("sum %d untouched %d\n", s, p[100]);
  munmap(p, 8192);
  return 0;
}
