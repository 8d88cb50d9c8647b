#include <stdio.h>
#include <stdint.h>

int main(void) {
  uint8_t a = 250;
  a += 10;
  uint16_t b = 65530;
  b += 10;
  uint32_t c = 0;
  c--;
  uint64_t d = 0;
  d -= 1;
  printf("%u %u %u %llu\n", a, b, c, (unsigned long long)d);
  unsigned x = 3, y = 5;
  printf("%u %d\n", x - y, (int)(x - y));
  int32_t s = INT32_MAX;
  int64_t wide = (int64_t)s + 1;
  printf("%lld\n", (long long)wide);
  return a;
}
