#include "test.h"

typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(d, s) __builtin_va_copy(d, s)
int vsprintf(char *buf, const char *fmt, va_list ap);

int sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}

long sum_long_after(int a, int b, int c, int d, int e, int f, int g, int n, ...) {
  va_list ap;
  va_start(ap, n);
  long s = a + b + c + d + e + f + g;
  for (int i = 0; i < n; i++) s += va_arg(ap, long);
  va_end(ap);
  return s;
}

struct Pair { long a, b; };
struct Big { long a, b, c; };
long structs(int n, ...) {
  va_list ap;
  va_start(ap, n);
  struct Pair p = va_arg(ap, struct Pair);
  struct Big b = va_arg(ap, struct Big);
  char *s = va_arg(ap, char *);
  va_end(ap);
  return p.a + p.b * 10 + b.a * 100 + b.b * 1000 + b.c * 10000 + s[0];
}

int twice(int n, ...) {
  va_list ap, ap2;
  va_start(ap, n);
  va_copy(ap2, ap);
  int s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, int);
  for (int i = 0; i < n; i++) s += va_arg(ap2, int);
  va_end(ap);
  va_end(ap2);
  return s;
}

char buf[100];
char *fmt(const char *f, ...) {
  va_list ap;
  va_start(ap, f);
  vsprintf(buf, f, ap);
  va_end(ap);
  return buf;
}

int main() {
  ASSERT(6, sum(3, 1, 2, 3));
  ASSERT(55, sum(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  ASSERT(0, sum(0));
  ASSERT(10000000028L, sum_long_after(1, 2, 3, 4, 5, 6, 7, 1, 10000000000L));
  ASSERT(54321 + 'x' - 54321 + 54321, structs(2, (struct Pair){1, 2}, (struct Big){3, 4, 5}, "x"));
  ASSERT(12, twice(3, 1, 2, 3));
  ASSERT(0, strcmp(fmt("%d-%s-%ld-%c", 42, "ab", 123456789012L, 'z'), "42-ab-123456789012-z"));
  ASSERT(0, strcmp(fmt("%5d|%-4s|%x", 7, "a", 255), "    7|a   |ff"));
  return ok();
}
