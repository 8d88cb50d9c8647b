#include <stdio.h>
#include <stdint.h>

union pte { uint64_t raw; struct { uint32_t lo, hi; } half; uint8_t bytes[8]; };

int main(void) {
  union pte p;
  p.raw = 0x0000000020040c07ULL;
  printf("lo=%08x hi=%08x byte0=%02x byte1=%02x\n", p.half.lo, p.half.hi, p.bytes[0], p.bytes[1]);
  p.bytes[7] = 0x80;
  printf("raw=%016llx\n", (unsigned long long)p.raw);
  unsigned ppn = (unsigned)((p.raw >> 10) & 0xfffffff);
  printf("ppn=%x v=%d r=%d w=%d x=%d\n", ppn, (int)(p.raw & 1), (int)(p.raw >> 1 & 1), (int)(p.raw >> 2 & 1), (int)(p.raw >> 3 & 1));
  return (int)(p.raw & 0xff);
}
