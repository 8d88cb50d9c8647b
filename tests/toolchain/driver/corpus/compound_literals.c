#include <stdio.h>

struct v2 { int x, y; };

static int dot(struct v2 a, struct v2 b) { return a.x * b.x + a.y * b.y; }
static int sum(const int *p, int n) { int s = 0; while (n--) s += *p++; return s; }

int main(void) {
  int d = dot((struct v2){3, 4}, (struct v2){.y = 2, .x = 1});
  int s = sum((int[]){1, 2, 3, 4, 5}, 5);
  struct v2 *p = &(struct v2){7, 8};
  p->x += 1;
  printf("dot=%d sum=%d p=(%d,%d)\n", d, s, p->x, p->y);
  return d + s;
}
