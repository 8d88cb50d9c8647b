#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static int join(char *out, const char *sep, ...) {
  va_list ap;
  va_start(ap, sep);
  out[0] = 0;
  int n = 0;
  for (const char *s = va_arg(ap, const char *); s; s = va_arg(ap, const char *)) {
    if (n++) strcat(out, sep);
    strcat(out, s);
  }
  va_end(ap);
  return n;
}

static int my_snprintf(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  return r;
}

int main(void) {
  char out[64], buf[16];
  int n = join(out, ", ", "fork", "exec", "wait", "exit", (char *)0);
  int r = my_snprintf(buf, sizeof buf, "%s=%d", "answer", 42);
  printf("%s (%d) | %s (%d)\n", out, n, buf, r);
  return n + r;
}
