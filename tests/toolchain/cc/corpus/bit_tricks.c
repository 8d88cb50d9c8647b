#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int popcount(unsigned long x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }
unsigned long rotl(unsigned long x, int k) { return (x << k) | (x >> (64 - k)); }
int ilog2(unsigned long x) { int r = -1; while (x) { x >>= 1; r++; } return r; }
unsigned reverse_bits(unsigned x) { unsigned r = 0; for (int i = 0; i < 32; i++) { r = (r << 1) | (x & 1); x >>= 1; } return r; }
int main(void) {
  unsigned long vals[] = {0, 1, 0xff, 0x8000000000000000UL, 0x123456789abcdefUL, ~0UL};
  for (int i = 0; i < 6; i++)
    printf("%lx pop %d log %d rot %lx low %lx\n", vals[i], popcount(vals[i]), ilog2(vals[i]), rotl(vals[i], 13), vals[i] & -vals[i]);
  printf("%x %x\n", reverse_bits(1), reverse_bits(0xf0f0));
  int a = 5, b = 9; a ^= b; b ^= a; a ^= b;
  printf("swap %d %d, pow2 %d %d, sign %d\n", a, b, (64 & 63) == 0, (48 & 47) == 0, (-7 >> 31) | 1);
  return 0;
}
