#include "test.h"

struct Point { int x, y; };
struct Mixed { char c; long l; short s; char d; };
struct Nested { struct Point p; struct Point q[2]; char tag; };
union U { int i; char c[4]; long l; };
struct Bits { unsigned a : 3; int b : 5; unsigned c : 24; unsigned long d : 40; char e; };
struct WithAnon { int kind; union { int iv; char cv; }; struct { short lo, hi; }; };
struct Flex { int n; int data[]; };
struct List { int v; struct List *next; };

struct Point make_point(int x, int y) { struct Point p; p.x = x; p.y = y; return p; }
int point_sum(struct Point p) { return p.x + p.y; }
struct Mixed make_mixed(char c) { struct Mixed m = { c, 100000000000L, -3, 'z' }; return m; }
long mixed_sum(struct Mixed m) { return m.c + m.l + m.s + m.d; }

int list_len(struct List *l) { int n = 0; for (; l; l = l->next) n++; return n; }

int main() {
  ASSERT(8, sizeof(struct Point));
  ASSERT(24, sizeof(struct Mixed));
  ASSERT(8, _Alignof(struct Mixed));
  ASSERT(28, sizeof(struct Nested));
  ASSERT(8, sizeof(union U));
  ASSERT(16, sizeof(struct Bits));
  ASSERT(12, sizeof(struct WithAnon));
  ASSERT(4, sizeof(struct Flex));
  ASSERT(16, sizeof(struct List));
  ASSERT(3, ({ struct Point p; p.x = 1; p.y = 2; p.x + p.y; }));
  ASSERT(10, ({ struct Point p = {3, 7}; point_sum(p); }));
  ASSERT(11, ({ struct Point p = make_point(5, 6); p.x + p.y; }));
  ASSERT(6, make_point(2, 6).y);
  ASSERT(100000000216L, ({ struct Mixed m = make_mixed('a'); mixed_sum(m); }));
  ASSERT(122, make_mixed(1).d);
  ASSERT(5, ({ struct Nested n; n.q[1].y = 5; n.q[1].y; }));
  ASSERT(9, ({ struct Nested n; n.p.x = 4; struct Point *pp = &n.p; pp->y = 5; n.p.x + n.p.y; }));
  ASSERT(1, ({ union U u; u.i = 0x01020304; u.c[3]; }));
  ASSERT(4, ({ union U u; u.i = 0x01020304; u.c[0]; }));
  ASSERT(7, ({ struct Bits b = {0}; b.a = 15; b.a; }));
  ASSERT(-16, ({ struct Bits b = {0}; b.b = 16; b.b; }));
  ASSERT(12345678, ({ struct Bits b = {0}; b.c = 12345678; b.c; }));
  ASSERT(1099511627775L, ({ struct Bits b = {0}; b.d = -1; b.d; }));
  ASSERT(5, ({ struct Bits b = {0}; b.a = 5; b.b = -1; b.c = 0; b.a; }));
  ASSERT(-1, ({ struct Bits b = {0}; b.a = 5; b.b = -1; b.b; }));
  ASSERT(3, ({ struct Bits b = {0}; b.a = 1; b.a += 2; b.a; }));
  ASSERT(0, ({ struct Bits b = {0}; b.a = 7; b.a++; b.a; }));
  ASSERT(65, ({ struct WithAnon w; w.iv = 0; w.cv = 'A'; w.iv; }));
  ASSERT(7, ({ struct WithAnon w; w.lo = 3; w.hi = 4; w.lo + w.hi; }));
  ASSERT(3, ({ struct List c = {3, 0}, b = {2, &c}, a = {1, &b}; list_len(&a); }));
  ASSERT(2, ({ struct List c = {3, 0}, b = {2, &c}, a = {1, &b}; a.next->v; }));
  ASSERT(3, ({ struct List c = {3, 0}, b = {2, &c}, a = {1, &b}; a.next->next->v; }));
  ASSERT(12, ({ struct Point a = {5, 7}, b; b = a; b.x + b.y; }));
  ASSERT(3, ({ struct Point a = {1, 2}, b = {3, 4}; (1 ? a : b).y + 1; }));
  ASSERT(20, ({ struct Flex *f = malloc(sizeof(struct Flex) + 5 * sizeof(int)); f->n = 5; for (int i = 0; i < 5; i++) f->data[i] = i * 2; int s = 0; for (int i = 0; i < f->n; i++) s += f->data[i]; free(f); s; }));
  ASSERT(8, ({ struct { char a; int b; } s; (char *)&s.b - (char *)&s; }) * 2);
  ASSERT(16, ({ struct { char a; long b; } s; (long)sizeof(s); }));
  ASSERT(2, ({ struct { char a, b, c; } s; sizeof(s) - 1; }));
  ASSERT(8, ({ struct S { int x; } s; struct S *p = &s; p->x = 8; s.x; }));
  ASSERT(4, ({ struct T; struct T *p; struct T { int a; }; sizeof(struct T); }));
  return ok();
}
