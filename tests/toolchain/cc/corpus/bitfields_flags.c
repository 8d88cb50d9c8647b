#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pte { unsigned long v : 1, r : 1, w : 1, x : 1, u : 1, g : 1, a : 1, d : 1, rsw : 2, ppn : 44; };
int main(void) {
  struct pte p = {0};
  p.v = 1; p.r = 1; p.w = 1; p.ppn = 0x80200;
  unsigned long raw;
  memcpy(&raw, &p, sizeof raw);
  printf("raw %lx size %d\n", raw, (int)sizeof p);
  p.d = 1; p.a = 1;
  memcpy(&raw, &p, sizeof raw);
  printf("raw %lx ppn %lx w %d x %d\n", raw, (unsigned long)p.ppn, (int)p.w, (int)p.x);
  return 0;
}
