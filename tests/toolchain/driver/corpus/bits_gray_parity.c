#include <stdio.h>

static unsigned gray(unsigned x) { return x ^ (x >> 1); }
static unsigned ungray(unsigned g) { unsigned x = g; while (g >>= 1) x ^= g; return x; }
static int parity(unsigned long x) { x ^= x >> 32; x ^= x >> 16; x ^= x >> 8; x ^= x >> 4; x ^= x >> 2; x ^= x >> 1; return (int)(x & 1); }

int main(void) {
  int bad = 0;
  for (unsigned i = 0; i < 16; i++) {
    printf("%2u gray=%2u back=%2u parity=%d\n", i, gray(i), ungray(gray(i)), parity(i));
    if (ungray(gray(i)) != i) bad++;
  }
  return bad + parity(0xdeadbeefcafeUL);
}
