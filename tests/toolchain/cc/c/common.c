/* Helpers for the feature tests, always compiled by gcc (the reference side of the ABI). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>

void assert_eq(long expected, long actual, char *code) {
  if (expected == actual) {
    printf("%s => %ld\n", code, actual);
  } else {
    printf("%s => %ld expected but got %ld\n", code, expected, actual);
    exit(1);
  }
}

int ok(void) {
  printf("OK\n");
  return 0;
}

/* calling-convention partners */
int ext_add6(int a, int b, int c, int d, int e, int f) { return a + b + c + d + e + f; }
long ext_sum10(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j) {
  return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j;
}
struct Small { char c; int i; };
struct Pair { long a, b; };
struct Big { long a, b, c, d; };
struct Odd { char b[13]; };
int ext_small(struct Small s) { return s.c * 100 + s.i; }
long ext_pair(struct Pair p) { return p.a * 1000 + p.b; }
long ext_big(struct Big b) { return b.a + b.b * 10 + b.c * 100 + b.d * 1000; }
int ext_odd(struct Odd o) { int s = 0; for (int i = 0; i < 13; i++) s += o.b[i] * (i + 1); return s; }
struct Small ext_ret_small(int c, int i) { struct Small s = { (char)c, i }; return s; }
struct Pair ext_ret_pair(long a, long b) { struct Pair p = { a, b }; return p; }
struct Big ext_ret_big(long a) { struct Big b = { a, a + 1, a + 2, a + 3 }; return b; }
struct Odd ext_ret_odd(int base) { struct Odd o; for (int i = 0; i < 13; i++) o.b[i] = base + i; return o; }
long ext_pair_late(long a, long b, long c, long d, long e, long f, long g, struct Pair p) { return a + b + c + d + e + f + g + p.a * 100 + p.b * 10000; }
int ext_vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}
unsigned char ext_uchar(void) { return 200; }
signed char ext_schar(void) { return -5; }
short ext_short(void) { return -300; }
unsigned ext_uint(void) { return 0xfffffff0u; }
int ext_call_fp(int (*fp)(int, int), int a, int b) { return fp(a, b); }
