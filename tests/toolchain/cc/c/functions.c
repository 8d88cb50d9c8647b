#include "test.h"

int ext_add6(int a, int b, int c, int d, int e, int f);
long ext_sum10(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j);
struct Small { char c; int i; };
struct Pair { long a, b; };
struct Big { long a, b, c, d; };
struct Odd { char b[13]; };
int ext_small(struct Small s);
long ext_pair(struct Pair p);
long ext_big(struct Big b);
int ext_odd(struct Odd o);
struct Small ext_ret_small(int c, int i);
struct Pair ext_ret_pair(long a, long b);
struct Big ext_ret_big(long a);
struct Odd ext_ret_odd(int base);
long ext_pair_late(long a, long b, long c, long d, long e, long f, long g, struct Pair p);
int ext_vsum(int n, ...);
unsigned char ext_uchar(void);
signed char ext_schar(void);
short ext_short(void);
unsigned ext_uint(void);
int ext_call_fp(int (*fp)(int, int), int a, int b);

int add2(int a, int b) { return a + b; }
int sub2(int a, int b) { return a - b; }
int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
long many(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j, long k) {
  return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10 + k * 11;
}
int count_calls(void) { static int n; return ++n; }
static int helper(int x) { return x * 3; }
int apply(int (*f)(int, int), int a, int b) { return f(a, b); }
int (*pick(int which))(int, int) { return which ? add2 : sub2; }
long big_sum(struct Big b) { return b.a + b.b + b.c + b.d; }
struct Big make_big(long x) { struct Big b = {x, x * 2, x * 3, x * 4}; return b; }
struct Odd make_odd(int base) { struct Odd o; for (int i = 0; i < 13; i++) o.b[i] = base + i; return o; }
int odd_sum(struct Odd o) { int s = 0; for (int i = 0; i < 13; i++) s += o.b[i] * (i + 1); return s; }
long pair_late(long a, long b, long c, long d, long e, long f, long g, struct Pair p) { return a + b + c + d + e + f + g + p.a * 100 + p.b * 10000; }
void set_to(int *p, int v) { *p = v; }
int fwd(int x);
int fwd(int x) { return x + 1; }
char ret_char(int x) { return x; }

int main() {
  ASSERT(3, add2(1, 2));
  ASSERT(21, ext_add6(1, 2, 3, 4, 5, 6));
  ASSERT(385, ext_sum10(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  ASSERT(506, many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
  ASSERT(120, fact(5));
  ASSERT(1, count_calls());
  ASSERT(2, count_calls());
  ASSERT(9, helper(3));
  ASSERT(7, apply(add2, 3, 4));
  ASSERT(-1, apply(sub2, 3, 4));
  ASSERT(9, pick(1)(4, 5));
  ASSERT(-1, pick(0)(4, 5));
  ASSERT(12, ({ int (*fp)(int, int) = add2; fp(5, 7); }));
  ASSERT(12, ({ int (*fp)(int, int) = &add2; (*fp)(5, 7); }));
  ASSERT(10, ext_call_fp(add2, 4, 6));
  ASSERT(6530, ({ struct Small s = {65, 30}; ext_small(s); }));
  ASSERT(3004, ({ struct Pair p = {3, 4}; ext_pair(p); }));
  ASSERT(4321, ({ struct Big b = {1, 2, 3, 4}; ext_big(b); }));
  ASSERT(10, ({ struct Big b = {1, 2, 3, 4}; big_sum(b); }));
  ASSERT(30, big_sum(make_big(3)));
  ASSERT(4321, ext_big(make_big(1)));
  ASSERT(66, ext_ret_small(66, 7).c);
  ASSERT(7, ext_ret_small(66, 7).i);
  ASSERT(9, ext_ret_pair(8, 9).b);
  ASSERT(13, ext_ret_big(10).d);
  ASSERT(819, ext_odd(ext_ret_odd(1)));
  ASSERT(819, odd_sum(make_odd(1)));
  ASSERT(819, ext_odd(make_odd(1)));
  ASSERT(819, odd_sum(ext_ret_odd(1)));
  ASSERT(50328, ext_pair_late(1, 2, 3, 4, 5, 6, 7, (struct Pair){3, 5}));
  ASSERT(50328, pair_late(1, 2, 3, 4, 5, 6, 7, (struct Pair){3, 5}));
  ASSERT(15, ext_vsum(5, 1, 2, 3, 4, 5));
  ASSERT(200, ext_uchar());
  ASSERT(-5, ext_schar());
  ASSERT(-300, ext_short());
  ASSERT(1, ext_uint() == 0xfffffff0u);
  ASSERT(4294967280, (long)ext_uint());
  ASSERT(9, ({ int v; set_to(&v, 9); v; }));
  ASSERT(6, fwd(5));
  ASSERT(44, ret_char(300));
  ASSERT(0, strcmp(__func__, "main"));
  return ok();
}
