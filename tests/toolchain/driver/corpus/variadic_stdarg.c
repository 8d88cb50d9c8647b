#include <stdio.h>
#include <stdarg.h>

static long sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  long s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, long);
  va_end(ap);
  return s;
}

static void logf_(const char *tag, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("[%s] ", tag);
  vprintf(fmt, ap);
  va_end(ap);
}

static int max_of(int first, ...) {
  va_list ap;
  va_start(ap, first);
  int m = first;
  for (int v = va_arg(ap, int); v >= 0; v = va_arg(ap, int)) if (v > m) m = v;
  va_end(ap);
  return m;
}

int main(void) {
  printf("%ld\n", sum(4, 10L, 20L, 30L, 40L));
  logf_("info", "%s has %d items, %c\n", "list", 3, 'z');
  return max_of(3, 9, 4, 27, 1, -1);
}
