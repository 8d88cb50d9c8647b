#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int x, y; } vec2;
typedef struct { long a, b, c; } vec3;
typedef struct { char tag; short n; } tiny;
vec2 add2(vec2 a, vec2 b) { return (vec2){a.x + b.x, a.y + b.y}; }
vec3 scale3(vec3 v, long k) { v.a *= k; v.b *= k; v.c *= k; return v; }
tiny bump(tiny t) { t.tag++; t.n *= 2; return t; }
int main(void) {
  vec2 p = {1, 2};
  for (int i = 0; i < 5; i++) p = add2(p, (vec2){i, -i});
  vec3 v = scale3((vec3){1, 2, 3}, 7);
  tiny t = bump(bump((tiny){'a', 3}));
  printf("%d %d | %ld %ld %ld | %c %d\n", p.x, p.y, v.a, v.b, v.c, t.tag, t.n);
  return 0;
}
