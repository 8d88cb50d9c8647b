#include <stdio.h>
#include <string.h>

static void swap_bytes(void *a, void *b, size_t n) {
  unsigned char *x = a, *y = b;
  while (n--) { unsigned char t = *x; *x++ = *y; *y++ = t; }
}

struct pair { long k; char tag[6]; };

int main(void) {
  int i = 1, j = 2;
  long d1 = 1, d2 = 2;
  struct pair p = {7, "seven"}, q = {9, "nine"};
  swap_bytes(&i, &j, sizeof i);
  swap_bytes(&d1, &d2, sizeof d1);
  swap_bytes(&p, &q, sizeof p);
  printf("%d %d %ld %s %ld %s %d\n", i, j, p.k, p.tag, q.k, q.tag, d1 > d2);
  return i * 10 + j;
}
