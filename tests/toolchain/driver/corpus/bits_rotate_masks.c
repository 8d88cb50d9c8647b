#include <stdio.h>
#include <stdint.h>

static uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint64_t xorshift(uint64_t *s) {
  uint64_t x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

int main(void) {
  printf("%08x %08x\n", rotl(0x80000001u, 1), rotl(0x12345678u, 8));
  uint64_t s = 88172645463325252ULL;
  for (int i = 0; i < 4; i++) printf("%016llx\n", (unsigned long long)xorshift(&s));
  uint8_t byte = 0xa5;
  byte = (uint8_t)((byte & 0x0f) << 4 | (byte & 0xf0) >> 4);
  printf("swapped nibbles %02x\n", byte);
  return byte;
}
