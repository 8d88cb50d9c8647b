/*
 * bigarray.c -- demand paging: a 256 MiB array (more than the machine's
 * RAM) costs nothing until touched. Only the pages written below get
 * frames; the rest of the .bss VMA stays a promise.
 */
#include <stdio.h>

#define SIZE (256L << 20)

static char big[SIZE];

int main(void) {
  long sum = 0;
  for (long off = 0; off < SIZE; off += 64L << 20) {
    big[off] = 1;
    sum += big[off];
  }
  big[SIZE - 1] = 1;
  sum += big[SIZE - 1] + big[12345]; /* an untouched page reads as zero */
  printf("bigarray: touched %ld pages of a %ld MiB array\n", sum, SIZE >> 20);
  return sum == 5 ? 0 : 1;
}
