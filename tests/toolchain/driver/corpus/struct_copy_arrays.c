#include <stdio.h>

struct frame { unsigned long pfn; int refs[4]; char owner[8]; };

static struct frame bump(struct frame f) { for (int i = 0; i < 4; i++) f.refs[i]++; f.owner[0] = 'X'; return f; }

int main(void) {
  struct frame a = {0x80200, {1, 2, 3, 4}, "kernel"};
  struct frame b = bump(a);
  struct frame c;
  c = b;
  c.pfn++;
  printf("a: %lx %d %s\n", a.pfn, a.refs[3], a.owner);
  printf("b: %lx %d %s\n", b.pfn, b.refs[3], b.owner);
  printf("c: %lx %d %s\n", c.pfn, c.refs[0], c.owner);
  return b.refs[0] + c.refs[3];
}
