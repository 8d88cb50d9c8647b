#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
int max_of(int n, ...) { va_list ap; va_start(ap, n); int m = va_arg(ap, int); for (int i = 1; i < n; i++) { int v = va_arg(ap, int); if (v > m) m = v; } va_end(ap); return m; }
void logf_(const char *tag, const char *fmt, ...) { char buf[128]; va_list ap; va_start(ap, fmt); vsnprintf(buf, sizeof buf, fmt, ap); va_end(ap); printf("[%s] %s\n", tag, buf); }
long sum_longs(int n, ...) { va_list ap; va_start(ap, n); long s = 0; while (n--) s += va_arg(ap, long); va_end(ap); return s; }
int main(void) {
  printf("%d %d\n", max_of(3, 4, 9, 2), max_of(10, 1, 2, 3, 4, 5, 6, 7, 8, 99, 10));
  logf_("sched", "pid %d ran %ld ticks (%s)", 3, 123456789012L, "ok");
  printf("%ld\n", sum_longs(9, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9000000000L));
  return 0;
}
