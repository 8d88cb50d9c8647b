/*
 * scanf.c -- formatted input for the scanf family.
 *
 * One engine (vscan) reads from a string or a stream through In, which
 * can give back one character. Supported: whitespace and literal matching,
 * %d %i %u %o %x %X %p %c %s %[set] %n %%, field widths, '*' to skip,
 * and the length modifiers hh h l ll z t j. Returns the number of fields
 * stored, or EOF when input ends before the first conversion.
 */
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

typedef struct In {
  const char *s; /* string source, or NULL */
  FILE *f;       /* stream source */
  int count;     /* characters consumed, for %n */
} In;

static int in_get(In *in) {
  int c;
  if (in->f)
    c = fgetc(in->f);
  else
    c = *in->s ? (unsigned char)*in->s++ : EOF;
  if (c != EOF)
    in->count++;
  return c;
}

static void in_unget(In *in, int c) {
  if (c == EOF)
    return;
  in->count--;
  if (in->f)
    ungetc(c, in->f);
  else
    in->s--;
}

/* Skips whitespace; returns the first other character (still unread) or EOF. */
static int skip_space(In *in) {
  int c;
  do
    c = in_get(in);
  while (c != EOF && isspace(c));
  in_unget(in, c);
  return c;
}

static int digit_of(int c, int base) {
  int v = isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;
  return v < base ? v : -1;
}

/*
 * Reads the text of an integer in base (0: C prefixes) into buf, at most
 * width characters. Returns the base used, or 0 if no digit was read.
 */
static int read_integer(In *in, char *buf, int width, int base) {
  int n = 0, digits = 0, c = in_get(in);
  if (n < width && (c == '+' || c == '-')) {
    buf[n++] = (char)c;
    c = in_get(in);
  }
  if ((base == 0 || base == 16) && n < width && c == '0') {
    buf[n++] = (char)c;
    digits = 1;
    c = in_get(in);
    if (n < width && (c == 'x' || c == 'X')) {
      buf[n++] = (char)c;
      digits = 0;
      base = 16;
      c = in_get(in);
    } else if (base == 0) {
      base = 8;
    }
  }
  if (base == 0)
    base = 10;
  while (n < width && c != EOF && digit_of(c, base) >= 0) {
    buf[n++] = (char)c;
    digits++;
    c = in_get(in);
  }
  in_unget(in, c);
  buf[n] = 0;
  return digits > 0 ? base : 0;
}

static void store_integer(va_list *ap, int len, unsigned long long v) {
  if (len >= 2)
    *va_arg(*ap, long long *) = (long long)v;
  else if (len == 1)
    *va_arg(*ap, long *) = (long)v;
  else if (len == -1)
    *va_arg(*ap, short *) = (short)v;
  else if (len <= -2)
    *va_arg(*ap, char *) = (char)v;
  else
    *va_arg(*ap, int *) = (int)v;
}

/* Parses a scanset after '[': fills in[256], returns the format after ']'. */
static const char *parse_set(const char *fmt, char *in_set) {
  int negate = 0;
  memset(in_set, 0, 256);
  if (*fmt == '^') {
    negate = 1;
    fmt++;
  }
  if (*fmt == ']')
    in_set[(unsigned char)*fmt++] = 1;
  for (; *fmt && *fmt != ']'; fmt++) {
    if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
      for (int c = (unsigned char)fmt[0]; c <= (unsigned char)fmt[2]; c++)
        in_set[c] = 1;
      fmt += 2;
    } else {
      in_set[(unsigned char)*fmt] = 1;
    }
  }
  if (negate)
    for (int c = 0; c < 256; c++)
      in_set[c] = !in_set[c];
  return *fmt ? fmt + 1 : fmt;
}

static int vscan(In *in, const char *fmt, va_list *ap) {
  int stored = 0, converted = 0;
  while (*fmt) {
    int suppress = 0, width = 0, len = 0, c = 0;
    char conv;
    if (isspace((unsigned char)*fmt)) {
      skip_space(in);
      fmt++;
      continue;
    }
    if (*fmt != '%' || fmt[1] == '%') {
      if (*fmt == '%') {
        fmt++;
        skip_space(in);
      }
      c = in_get(in);
      if (c != (unsigned char)*fmt) {
        in_unget(in, c);
        return c == EOF && converted == 0 ? EOF : stored;
      }
      fmt++;
      continue;
    }
    fmt++;
    if (*fmt == '*') {
      suppress = 1;
      fmt++;
    }
    while (isdigit((unsigned char)*fmt))
      width = width * 10 + (*fmt++ - '0');
    for (;; fmt++) {
      if (*fmt == 'l') len++;
      else if (*fmt == 'h') len--;
      else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') len = 1;
      else break;
    }
    conv = *fmt++;
    if (conv == 0)
      break;
    if (conv == 'n') {
      if (!suppress)
        store_integer(ap, len, (unsigned long long)in->count);
      continue;
    }
    if (conv != 'c' && conv != '[' && skip_space(in) == EOF)
      return converted == 0 ? EOF : stored;

    if (conv == 'd' || conv == 'i' || conv == 'u' || conv == 'o' || conv == 'x' || conv == 'X' || conv == 'p') {
      char buf[72];
      int base = conv == 'd' || conv == 'u' ? 10 : conv == 'o' ? 8 : conv == 'i' ? 0 : 16;
      base = read_integer(in, buf, width > 0 && width < 70 ? width : 70, base);
      if (base == 0)
        return stored;
      converted++;
      if (!suppress) {
        unsigned long long v = buf[0] == '-' ? (unsigned long long)strtoll(buf, NULL, base) : strtoull(buf, NULL, base);
        if (conv == 'p')
          *va_arg(*ap, void **) = (void *)(unsigned long)v;
        else
          store_integer(ap, len, v);
        stored++;
      }
    } else if (conv == 'c') {
      char *out = suppress ? NULL : va_arg(*ap, char *);
      if (width == 0)
        width = 1;
      for (int i = 0; i < width; i++) {
        c = in_get(in);
        if (c == EOF)
          return converted == 0 && i == 0 ? EOF : stored;
        if (out)
          out[i] = (char)c;
      }
      converted++;
      stored += !suppress;
    } else if (conv == 's' || conv == '[') {
      char set[256];
      char *out = suppress ? NULL : va_arg(*ap, char *);
      int n = 0;
      if (conv == '[')
        fmt = parse_set(fmt, set);
      for (;;) {
        if (width > 0 && n == width)
          break;
        c = in_get(in);
        if (c == EOF || (conv == 's' ? isspace(c) : !set[c])) {
          in_unget(in, c);
          break;
        }
        if (out)
          out[n] = (char)c;
        n++;
      }
      if (n == 0)
        return converted == 0 && c == EOF ? EOF : stored;
      if (out)
        out[n] = 0;
      converted++;
      stored += !suppress;
    } else {
      return stored; /* unknown conversion: stop, as a matching failure */
    }
  }
  return stored;
}

int vsscanf(const char *str, const char *fmt, va_list ap) {
  In in;
  va_list copy;
  int r;
  in.s = str;
  in.f = NULL;
  in.count = 0;
  va_copy(copy, ap);
  r = vscan(&in, fmt, &copy);
  va_end(copy);
  return r;
}

int vfscanf(FILE *f, const char *fmt, va_list ap) {
  In in;
  va_list copy;
  int r;
  in.s = NULL;
  in.f = f;
  in.count = 0;
  va_copy(copy, ap);
  r = vscan(&in, fmt, &copy);
  va_end(copy);
  return r;
}

int vscanf(const char *fmt, va_list ap) { return vfscanf(stdin, fmt, ap); }

int sscanf(const char *str, const char *fmt, ...) {
  va_list ap;
  int r;
  va_start(ap, fmt);
  r = vsscanf(str, fmt, ap);
  va_end(ap);
  return r;
}

int fscanf(FILE *f, const char *fmt, ...) {
  va_list ap;
  int r;
  va_start(ap, fmt);
  r = vfscanf(f, fmt, ap);
  va_end(ap);
  return r;
}

int scanf(const char *fmt, ...) {
  va_list ap;
  int r;
  va_start(ap, fmt);
  r = vfscanf(stdin, fmt, ap);
  va_end(ap);
  return r;
}
