#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  unsigned char c = 250; c += 10;
  unsigned short s = 65535; s++;
  unsigned u = 0; u--;
  signed char sc = (signed char)200;
  long l = 0x7fffffffL; l++;
  int i = (int)3000000000u;
  printf("%d %d %u %d %ld %d\n", c, s, u, sc, l, i);
  printf("%d %d %d\n", (char)-1 == 255, (signed char)-1 == -1, (unsigned char)300);
  printf("%ld %lu\n", (long)(int)-1, (unsigned long)(unsigned)-1);
  printf("%d %d\n", -7 / 2, -7 % 2);
  return 0;
}
