/*
 * printf.c -- the formatting engine behind the whole printf family.
 *
 * vformat() walks the format once and sends every character to an Out,
 * which either appends to a caller's buffer (sprintf, snprintf: counting
 * characters even past the end, as C requires) or to a stream (printf,
 * fprintf). Supported: flags "-+ #0", width and precision (also "*"),
 * length modifiers hh h l ll z t j, conversions d i u o x X c s p %, and
 * f F e E g G through __format_double (fltfmt.c), which needs no FPU.
 */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

typedef struct Out {
  FILE *file;  /* stream to write to, or NULL for a buffer */
  char *buf;   /* buffer (may be NULL when cap is 0) */
  size_t cap;  /* buffer size, including the terminating NUL */
  size_t len;  /* characters produced so far */
} Out;

typedef struct Spec {
  int left;      /* '-' */
  int plus;      /* '+' */
  int space;     /* ' ' */
  int alt;       /* '#' */
  int zero;      /* '0' */
  int width;
  int precision; /* -1 when absent */
} Spec;

int __format_double(double v, int conv, int precision, int alt, char *out, int *neg, int *finite);

static void emit(Out *o, char c) {
  if (o->file)
    fputc(c, o->file);
  else if (o->len + 1 < o->cap)
    o->buf[o->len] = c;
  o->len++;
}

static void emit_repeat(Out *o, char c, int n) {
  while (n-- > 0)
    emit(o, c);
}

/*
 * Formats one integer: prefix (sign or 0x), zeros for precision or the '0'
 * flag, then the digits, all padded to the width.
 */
static void emit_number(Out *o, unsigned long long v, int negative, int base, int upper, Spec *sp) {
  char digits[24];
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char prefix[3];
  int nd = 0, np = 0, zeros = 0, total;

  while (v != 0) {
    digits[nd++] = set[v % base];
    v /= base;
  }
  if (sp->precision < 0 && nd == 0)
    digits[nd++] = '0';
  if (negative)
    prefix[np++] = '-';
  else if (sp->plus)
    prefix[np++] = '+';
  else if (sp->space)
    prefix[np++] = ' ';
  if (sp->alt && base == 16 && nd > 0 && !(nd == 1 && digits[0] == '0')) {
    prefix[np++] = '0';
    prefix[np++] = upper ? 'X' : 'x';
  }
  if (sp->alt && base == 8 && (nd == 0 || digits[nd - 1] != '0') && sp->precision <= nd)
    zeros = 1;
  if (sp->precision > nd)
    zeros = sp->precision - nd;
  total = np + zeros + nd;
  if (sp->zero && !sp->left && sp->precision < 0 && sp->width > total) {
    zeros += sp->width - total;
    total = sp->width;
  }

  if (!sp->left)
    emit_repeat(o, ' ', sp->width - total);
  for (int i = 0; i < np; i++)
    emit(o, prefix[i]);
  emit_repeat(o, '0', zeros);
  while (nd > 0)
    emit(o, digits[--nd]);
  if (sp->left)
    emit_repeat(o, ' ', sp->width - total);
}

/* Formats a double: sign, then zeros (for the '0' flag) or spaces up to the width. */
static void emit_double(Out *o, double v, char conv, Spec *sp) {
  char body[1000];
  char sign = 0;
  int neg, finite, n, total;
  n = __format_double(v, conv, sp->precision < 0 ? 6 : sp->precision, sp->alt, body, &neg, &finite);
  if (neg)
    sign = '-';
  else if (sp->plus)
    sign = '+';
  else if (sp->space)
    sign = ' ';
  total = n + (sign != 0);
  if (!sp->left && !(sp->zero && finite))
    emit_repeat(o, ' ', sp->width - total);
  if (sign)
    emit(o, sign);
  if (!sp->left && sp->zero && finite)
    emit_repeat(o, '0', sp->width - total);
  for (int i = 0; i < n; i++)
    emit(o, body[i]);
  if (sp->left)
    emit_repeat(o, ' ', sp->width - total);
}

static void emit_string(Out *o, const char *s, Spec *sp) {
  int n;
  if (s == NULL)
    s = "(null)";
  n = sp->precision >= 0 ? (int)strnlen(s, (size_t)sp->precision) : (int)strlen(s);
  if (!sp->left)
    emit_repeat(o, ' ', sp->width - n);
  for (int i = 0; i < n; i++)
    emit(o, s[i]);
  if (sp->left)
    emit_repeat(o, ' ', sp->width - n);
}

/*
 * The length modifiers count into len: 0 int, 1 long, 2 long long,
 * -1 short, -2 char.
 */
static int vformat(Out *o, const char *fmt, va_list ap) {
  for (; *fmt; fmt++) {
    Spec sp;
    int len = 0;
    char c;

    if (*fmt != '%') {
      emit(o, *fmt);
      continue;
    }
    fmt++;
    memset(&sp, 0, sizeof sp);
    sp.precision = -1;
    for (;; fmt++) {
      if (*fmt == '-') sp.left = 1;
      else if (*fmt == '+') sp.plus = 1;
      else if (*fmt == ' ') sp.space = 1;
      else if (*fmt == '#') sp.alt = 1;
      else if (*fmt == '0') sp.zero = 1;
      else break;
    }
    if (*fmt == '*') {
      sp.width = va_arg(ap, int);
      if (sp.width < 0) {
        sp.left = 1;
        sp.width = -sp.width;
      }
      fmt++;
    } else {
      while (*fmt >= '0' && *fmt <= '9')
        sp.width = sp.width * 10 + (*fmt++ - '0');
    }
    if (*fmt == '.') {
      fmt++;
      sp.precision = 0;
      if (*fmt == '*') {
        sp.precision = va_arg(ap, int);
        fmt++;
      } else {
        while (*fmt >= '0' && *fmt <= '9')
          sp.precision = sp.precision * 10 + (*fmt++ - '0');
      }
    }
    for (;; fmt++) {
      if (*fmt == 'l') len++;
      else if (*fmt == 'h') len--;
      else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') len = 1;
      else break;
    }

    c = *fmt;
    if (c == 'd' || c == 'i') {
      long long v;
      if (len >= 1)
        v = len >= 2 ? va_arg(ap, long long) : va_arg(ap, long);
      else {
        v = va_arg(ap, int);
        if (len == -1) v = (short)v;
        if (len <= -2) v = (signed char)v;
      }
      emit_number(o, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v, v < 0, 10, 0, &sp);
    } else if (c == 'u' || c == 'x' || c == 'X' || c == 'o') {
      unsigned long long v;
      if (len >= 1)
        v = len >= 2 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned long);
      else {
        v = va_arg(ap, unsigned int);
        if (len == -1) v = (unsigned short)v;
        if (len <= -2) v = (unsigned char)v;
      }
      sp.plus = 0;
      sp.space = 0;
      emit_number(o, v, 0, c == 'u' ? 10 : c == 'o' ? 8 : 16, c == 'X', &sp);
    } else if (c == 'p') {
      sp.alt = 1;
      sp.plus = 0;
      sp.space = 0;
      emit_number(o, (unsigned long)va_arg(ap, void *), 0, 16, 0, &sp);
    } else if (c == 'c') {
      char ch = (char)va_arg(ap, int);
      if (!sp.left)
        emit_repeat(o, ' ', sp.width - 1);
      emit(o, ch);
      if (sp.left)
        emit_repeat(o, ' ', sp.width - 1);
    } else if (c == 'f' || c == 'F' || c == 'e' || c == 'E' || c == 'g' || c == 'G') {
      emit_double(o, va_arg(ap, double), c, &sp);
    } else if (c == 's') {
      emit_string(o, va_arg(ap, const char *), &sp);
    } else if (c == '%') {
      emit(o, '%');
    } else if (c == 0) {
      break;
    } else {
      /* Unknown conversion: show it as written rather than guess. */
      emit(o, '%');
      emit(o, c);
    }
  }
  return (int)o->len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  Out o;
  int n;
  o.file = NULL;
  o.buf = buf;
  o.cap = size;
  o.len = 0;
  n = vformat(&o, fmt, ap);
  if (size > 0)
    buf[o.len < size ? o.len : size - 1] = 0;
  return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap) {
  return vsnprintf(buf, (size_t)1 << 30, fmt, ap);
}

int vfprintf(FILE *f, const char *fmt, va_list ap) {
  Out o;
  o.file = f;
  o.buf = NULL;
  o.cap = 0;
  o.len = 0;
  vformat(&o, fmt, ap);
  if (f == stderr)
    fflush(f);
  return (int)o.len;
}

int vprintf(const char *fmt, va_list ap) {
  return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vfprintf(stdout, fmt, ap);
  va_end(ap);
  return n;
}

int fprintf(FILE *f, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vfprintf(f, fmt, ap);
  va_end(ap);
  return n;
}

int sprintf(char *buf, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsprintf(buf, fmt, ap);
  va_end(ap);
  return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}
