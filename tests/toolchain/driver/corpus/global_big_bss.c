#include <stdio.h>

static char big[1 << 20];
static long counts[256];
int initialized[4] = {1, 2, 3, 4};

int main(void) {
  for (int i = 0; i < (1 << 20); i += 4096) big[i] = (char)(i >> 12);
  long s = 0;
  for (int i = 0; i < (1 << 20); i++) s += big[i];
  for (int i = 0; i < 256; i++) counts[i] = i;
  printf("sum=%ld counts[255]=%ld init=%d\n", s, counts[255], initialized[3]);
  return (int)(s % 256);
}
