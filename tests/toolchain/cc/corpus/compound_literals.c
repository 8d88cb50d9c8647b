#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rect { int w, h; };
int area(struct rect *r) { return r->w * r->h; }
int sum(const int *v, int n) { int s = 0; while (n--) s += *v++; return s; }
int main(void) {
  printf("%d\n", area(&(struct rect){3, 4}));
  printf("%d\n", sum((int[]){1, 2, 3, 4}, 4));
  struct rect *rs = (struct rect[]){{1, 2}, {3, 4}, {5, 6}};
  printf("%d\n", area(rs + 2));
  return 0;
}
