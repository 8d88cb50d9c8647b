#include <stdio.h>

#define BITS 200
static unsigned long set[(BITS + 63) / 64];

static void bit_set(int i) { set[i / 64] |= 1UL << (i % 64); }
static void bit_clear(int i) { set[i / 64] &= ~(1UL << (i % 64)); }
static int bit_test(int i) { return (int)(set[i / 64] >> (i % 64) & 1); }

int main(void) {
  for (int i = 0; i < BITS; i += 3) bit_set(i);
  for (int i = 0; i < BITS; i += 9) bit_clear(i);
  int count = 0;
  for (int i = 0; i < BITS; i++) count += bit_test(i);
  printf("count=%d words=%lx %lx %lx %lx\n", count, set[0], set[1], set[2], set[3]);
  return count;
}
