#include <stdio.h>

static int popcount(unsigned long x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }
static unsigned reverse_bits(unsigned x) {
  unsigned r = 0;
  for (int i = 0; i < 32; i++) { r = (r << 1) | (x & 1); x >>= 1; }
  return r;
}
static int is_pow2(unsigned long x) { return x && !(x & (x - 1)); }

int main(void) {
  unsigned long vals[] = {0, 1, 0xff, 0x8000000000000000UL, 0xdeadbeefUL, 1023};
  for (int i = 0; i < 6; i++) printf("%lx: pop=%d pow2=%d\n", vals[i], popcount(vals[i]), is_pow2(vals[i]));
  printf("rev=%08x lowest=%lx\n", reverse_bits(0x12345678u), 0xb0UL & -0xb0UL);
  return popcount(0xdeadbeefUL);
}
