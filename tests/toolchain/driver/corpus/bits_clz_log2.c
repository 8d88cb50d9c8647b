#include <stdio.h>

static int clz64(unsigned long x) { if (!x) return 64; int n = 0; while (!(x & (1UL << 63))) { x <<= 1; n++; } return n; }
static int ilog2(unsigned long x) { return 63 - clz64(x); }
static unsigned long next_pow2(unsigned long x) { x--; x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16; x |= x >> 32; return x + 1; }

int main(void) {
  unsigned long v[] = {1, 2, 3, 4096, 4097, 0x7fffffffUL, 1UL << 50};
  for (int i = 0; i < 7; i++) printf("%lu: clz=%d log2=%d next=%lu\n", v[i], clz64(v[i]), ilog2(v[i]), next_pow2(v[i]));
  return ilog2(4096);
}
