#include <stdio.h>

static char *to_base(long v, int base, char *out) {
  const char *digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  char tmp[70];
  int n = 0, neg = v < 0;
  unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;
  do { tmp[n++] = digits[u % base]; u /= base; } while (u);
  char *p = out;
  if (neg) *p++ = '-';
  while (n) *p++ = tmp[--n];
  *p = 0;
  return out;
}

int main(void) {
  char buf[72];
  long vals[] = {0, 255, -255, 1L << 40, -9223372036854775807L - 1};
  int bases[] = {2, 8, 16, 36};
  for (int i = 0; i < 5; i++) {
    for (int b = 0; b < 4; b++) printf("%s ", to_base(vals[i], bases[b], buf));
    printf("\n");
  }
  return 0;
}
