#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  long a = 123456789012345L, b = -987654321L;
  unsigned long u = 0xfedcba9876543210UL;
  printf("%ld %ld %ld %ld\n", a * b, a / b, a % b, a + b);
  printf("%lu %lu %lx %lx\n", u / 7, u % 7, u >> 4, u << 4);
  printf("%ld %d\n", (long)(u >> 63), (int)(a > b));
  long long ll = -1; ll <<= 62;
  printf("%lld\n", ll);
  return 0;
}
