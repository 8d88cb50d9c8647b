#include <stdio.h>

int main(void) {
  int a = -17;
  unsigned b = 0x80000000u;
  long c = -1L;
  printf("%d %d %d\n", a >> 2, a / 4, a % 4);
  printf("%u %u %x\n", b >> 31, b >> 4, (unsigned)(a) >> 28);
  printf("%ld %lx\n", c >> 63, (unsigned long)c >> 60);
  unsigned char uc = 200;
  signed char sc = (signed char)200;
  char ch = (char)200;
  printf("uc=%d sc=%d ch=%d\n", uc, sc, ch);
  short s = (short)0x12345;
  printf("s=%d widen=%ld\n", s, (long)(int)0xffffffffu);
  unsigned int mix = 5u - 10;
  printf("mix=%u cmp=%d\n", mix, -1 < 1u);
  return (a & 0xff) ^ 0x55;
}
