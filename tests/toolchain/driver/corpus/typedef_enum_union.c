#include <stdio.h>

typedef enum { SHAPE_CIRCLE, SHAPE_RECT, SHAPE_TRI } kind_t;
typedef struct {
  kind_t kind;
  union { struct { int r; } circle; struct { int w, h; } rect; struct { int b, h; } tri; } u;
} shape;

static long area_x2(const shape *s) {
  switch (s->kind) {
  case SHAPE_CIRCLE: return 2L * 3 * s->u.circle.r * s->u.circle.r;
  case SHAPE_RECT: return 2L * s->u.rect.w * s->u.rect.h;
  case SHAPE_TRI: return (long)s->u.tri.b * s->u.tri.h;
  }
  return -1;
}

int main(void) {
  shape shapes[3];
  shapes[0].kind = SHAPE_CIRCLE; shapes[0].u.circle.r = 2;
  shapes[1].kind = SHAPE_RECT; shapes[1].u.rect.w = 3; shapes[1].u.rect.h = 4;
  shapes[2].kind = SHAPE_TRI; shapes[2].u.tri.b = 5; shapes[2].u.tri.h = 6;
  long total = 0;
  for (int i = 0; i < 3; i++) { printf("shape %d area*2=%ld\n", shapes[i].kind, area_x2(&shapes[i])); total += area_x2(&shapes[i]); }
  return (int)total;
}
