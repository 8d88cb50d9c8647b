/*
 * printk.c -- kernel console output.
 *
 * Each printk formats into one buffer and sends it with a single console
 * write, interrupts off, so lines from kernel threads and the kernel never
 * interleave mid-line. Formats: %d %u %x %lx %ld %lu %s %c %p %%, with an
 * optional width and '0' flag.
 */
#include <stdarg.h>
#include "defs.h"
#include "sbi.h"
#include "riscv.h"

struct out {
  char *buf;
  int len, cap;
};

static void put(struct out *o, char c) {
  if (o->len < o->cap)
    o->buf[o->len++] = c;
}

static void put_num(struct out *o, uint64 v, int base, bool neg, int width, char pad) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = "0123456789abcdef"[v % base];
    v /= base;
  } while (v);
  if (neg)
    tmp[n++] = '-';
  while (width-- > n)
    put(o, pad);
  while (n > 0)
    put(o, tmp[--n]);
}

static void vformat(struct out *o, const char *fmt, va_list ap) {
  for (; *fmt; fmt++) {
    int width = 0, longs = 0;
    char pad = ' ';
    if (*fmt != '%') {
      put(o, *fmt);
      continue;
    }
    fmt++;
    if (*fmt == '0')
      pad = '0';
    while (*fmt >= '0' && *fmt <= '9')
      width = width * 10 + (*fmt++ - '0');
    while (*fmt == 'l')
      longs++, fmt++;
    switch (*fmt) {
    case 'd': {
      int64 v = longs ? va_arg(ap, int64) : va_arg(ap, int);
      put_num(o, v < 0 ? -(uint64)v : (uint64)v, 10, v < 0, width, pad);
      break;
    }
    case 'u':
      put_num(o, longs ? va_arg(ap, uint64) : va_arg(ap, uint32), 10, false, width, pad);
      break;
    case 'x':
      put_num(o, longs ? va_arg(ap, uint64) : va_arg(ap, uint32), 16, false, width, pad);
      break;
    case 'p':
      put(o, '0');
      put(o, 'x');
      put_num(o, va_arg(ap, uint64), 16, false, width, pad);
      break;
    case 's': {
      const char *s = va_arg(ap, const char *);
      int n = (int)strlen(s ? s : "(null)");
      while (width-- > n)
        put(o, ' ');
      for (s = s ? s : "(null)"; *s; s++)
        put(o, *s);
      break;
    }
    case 'c':
      put(o, (char)va_arg(ap, int));
      break;
    case '%':
      put(o, '%');
      break;
    default:
      put(o, '%');
      put(o, *fmt);
      if (!*fmt)
        return;
    }
  }
}

void printk(const char *fmt, ...) {
  char buf[256];
  struct out o = {buf, 0, sizeof buf};
  va_list ap;
  uint64 irq = intr_save();
  va_start(ap, fmt);
  vformat(&o, fmt, ap);
  va_end(ap);
  sbi_console_write(buf, (uint64)o.len);
  intr_restore(irq);
}

void panic(const char *fmt, ...) {
  char buf[256];
  struct out o = {buf, 0, sizeof buf};
  va_list ap;
  intr_save();
  va_start(ap, fmt);
  vformat(&o, fmt, ap);
  va_end(ap);
  sbi_console_write("PANIC: ", 7);
  sbi_console_write(buf, (uint64)o.len);
  sbi_console_write("\n", 1);
  sbi_shutdown(1);
  for (;;)
    ;
}
