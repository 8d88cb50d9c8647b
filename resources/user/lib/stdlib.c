/*
 * stdlib.c -- number conversion, exit, and small utilities.
 * malloc and friends live in malloc.c.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#define ATEXIT_MAX 8

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*fn)(void)) {
  if (atexit_count == ATEXIT_MAX)
    return -1;
  atexit_fns[atexit_count++] = fn;
  return 0;
}

/* Runs atexit handlers (last registered first), flushes stdout, then leaves. */
void exit(int status) {
  while (atexit_count > 0)
    atexit_fns[--atexit_count]();
  fflush(stdout);
  fflush(stderr);
  _exit(status);
}

void abort(void) {
  fflush(stdout);
  _exit(134); /* what a shell shows for SIGABRT: 128 + 6 */
}

void __assert_fail(const char *expr, const char *file, int line) {
  fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
  abort();
}

static int digit_value(int c) {
  if (isdigit(c))
    return c - '0';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return 99;
}

/*
 * The shared parser behind strto*: skips spaces, reads a sign and a base
 * prefix, and accumulates the magnitude as unsigned long long. Sets *neg and
 * *overflow for the callers to clamp; stores the end of the number in *end.
 */
static unsigned long long parse_number(const char *s, char **end, int base, int *neg, int *overflow) {
  const char *p = s;
  const char *digits;
  unsigned long long v = 0;
  *neg = 0;
  *overflow = 0;
  while (isspace(*p))
    p++;
  if (*p == '+' || *p == '-')
    *neg = *p++ == '-';
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit(p[2])) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = p[0] == '0' ? 8 : 10;
  }
  digits = p;
  for (; digit_value(*p) < base; p++) {
    unsigned long long next = v * base + digit_value(*p);
    if (next / base != v)
      *overflow = 1;
    v = next;
  }
  if (end)
    *end = (char *)(p == digits ? s : p);
  return v;
}

long long strtoll(const char *s, char **end, int base) {
  int neg, overflow;
  unsigned long long v = parse_number(s, end, base, &neg, &overflow);
  if (neg) {
    if (overflow || v > (unsigned long long)LLONG_MAX + 1) {
      errno = ERANGE;
      return LLONG_MIN;
    }
    return (long long)(0 - v);
  }
  if (overflow || v > (unsigned long long)LLONG_MAX) {
    errno = ERANGE;
    return LLONG_MAX;
  }
  return (long long)v;
}

unsigned long long strtoull(const char *s, char **end, int base) {
  int neg, overflow;
  unsigned long long v = parse_number(s, end, base, &neg, &overflow);
  if (overflow) {
    errno = ERANGE;
    return ULLONG_MAX;
  }
  return neg ? 0 - v : v;
}

long strtol(const char *s, char **end, int base) { return (long)strtoll(s, end, base); }
unsigned long strtoul(const char *s, char **end, int base) { return (unsigned long)strtoull(s, end, base); }
int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

/* The C standard's example generator: deterministic, like everything in the lab. */
static unsigned long rand_state = 1;

int rand(void) {
  rand_state = rand_state * 1103515245 + 12345;
  return (int)((rand_state >> 16) & RAND_MAX);
}

void srand(unsigned int seed) { rand_state = seed; }

static void swap_bytes(char *a, char *b, size_t size) {
  while (size-- > 0) {
    char t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

/* Insertion sort: short, stable, and fast enough for lab-sized arrays. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  char *a = base;
  size_t i, j;
  for (i = 1; i < n; i++)
    for (j = i; j > 0 && cmp(a + (j - 1) * size, a + j * size) > 0; j--)
      swap_bytes(a + (j - 1) * size, a + j * size, size);
}

/* There is no environment in the lab. */
char *getenv(const char *name) {
  (void)name;
  return NULL;
}
