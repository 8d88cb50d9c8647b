#include <stdio.h>

int main(void) {
  char c = 'A';
  short s = -2;
  unsigned short us = 60000;
  int i = -1;
  unsigned u = 1;
  long l = 1L << 40;
  printf("%d %d %d\n", c + 1, s * us, (int)sizeof(c + s));
  printf("%d %d\n", i < u, i < (long)u);
  printf("%ld %ld\n", l + i, (long)(unsigned)i);
  long long ll = -3;
  printf("%lld %llu\n", ll * 1000000007LL, (unsigned long long)ll);
  unsigned char wrap = 255;
  wrap++;
  printf("wrap=%d neg=%u\n", wrap, (unsigned)-5);
  return (int)(us % 100);
}
