#include <stdio.h>

struct point { int x, y; };
struct rect { struct point lo, hi; };
struct big { long a[6]; };

static struct point add(struct point a, struct point b) { struct point r = {a.x + b.x, a.y + b.y}; return r; }
static long area(struct rect r) { return (long)(r.hi.x - r.lo.x) * (r.hi.y - r.lo.y); }
static struct big make(long base) { struct big b; for (int i = 0; i < 6; i++) b.a[i] = base + i; return b; }

int main(void) {
  struct point p = add((struct point){1, 2}, (struct point){30, 40});
  struct rect r = {{0, 0}, p};
  struct big b = make(100);
  long s = 0;
  for (int i = 0; i < 6; i++) s += b.a[i];
  printf("p=(%d,%d) area=%ld big sum=%ld\n", p.x, p.y, area(r), s);
  struct rect copy = r;
  copy.hi.x = 5;
  printf("r.hi.x=%d copy.hi.x=%d\n", r.hi.x, copy.hi.x);
  return (int)(s - 600);
}
