#include <stdio.h>

struct stats { int count; long sum; int max; };

static void each(const int *v, int n, void (*fn)(void *, int), void *ctx) { for (int i = 0; i < n; i++) fn(ctx, v[i]); }
static void collect(void *ctx, int x) {
  struct stats *s = ctx;
  s->count++;
  s->sum += x;
  if (x > s->max) s->max = x;
}

int main(void) {
  int data[] = {4, 8, 15, 16, 23, 42};
  struct stats s = {0, 0, -1};
  each(data, 6, collect, &s);
  printf("count=%d sum=%ld max=%d\n", s.count, s.sum, s.max);
  return (int)s.sum;
}
