/*
 * libctest.c -- exercises the user library with standard C only.
 *
 * The same source compiled by the host's gcc against glibc must print the
 * very same text: tests/kernel/libc.test.ts compares the two outputs, so
 * every line here is checked against a real C library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <errno.h>

static int by_value(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

static void formats(void) {
  char buf[64];
  int n;
  printf("[%d] [%i] [%u] [%x] [%X] [%o]\n", -42, 17, 3000000000U, 0xbeef, 0xbeef, 8);
  printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+d]\n", 42, 42, 42, 42, 42, -42);
  printf("[%.3d] [%8.3d] [%-8.3d] [%.0d] [%08.3d]\n", 7, 7, 7, 0, 7);
  printf("[%#x] [%#X] [%#o] [%#x] [%#o]\n", 255, 255, 8, 0, 0);
  printf("[%ld] [%lu] [%lx] [%lld] [%llu] [%zu]\n", LONG_MIN, ULONG_MAX, 0xdeadbeefcafeUL,
         LLONG_MAX, 18446744073709551615ULL, sizeof(long));
  printf("[%hd] [%hhu] [%hx]\n", (short)-3, (unsigned char)250, (unsigned short)0xffff);
  printf("[%c] [%3c] [%-3c]\n", 'a', 'b', 'c');
  printf("[%s] [%10s] [%-10s] [%.2s] [%*d] [%-*d] [%.*s]\n", "str", "right", "left", "abc", 6, 1, 6, 2, 3, "xyzw");
  printf("[%p] [%%]\n", (void *)0x1234);
  n = snprintf(buf, 8, "%s-%d", "truncate", 12345);
  printf("snprintf -> %d [%s]\n", n, buf);
  n = sprintf(buf, "%d+%d=%d", 2, 2, 4);
  printf("sprintf -> %d [%s]\n", n, buf);
}

/* Doubles from bit patterns and constants only: no floating-point arithmetic at run time. */
static double from_bits(unsigned long bits) {
  union {
    unsigned long u;
    double d;
  } v;
  v.u = bits;
  return v.d;
}

static void floats(void) {
  double inf = from_bits(0x7ff0000000000000UL);
  double nan = from_bits(0x7ff8000000000000UL);
  double minus_inf = from_bits(0xfff0000000000000UL);
  double minus_nan = from_bits(0xfff8000000000000UL);
  double tiny = from_bits(1);              /* the smallest subnormal */
  double max = from_bits(0x7fefffffffffffffUL);
  printf("[%f] [%f] [%f] [%f] [%f]\n", 0.0, 1.0, 0.1, -2.5, 1234567.891);
  printf("[%.0f] [%.0f] [%.0f] [%.0f] [%.1f] [%.2f] [%.3f]\n", 0.5, 1.5, 2.5, 3.5, 0.05, 2.675, 1.0005);
  printf("[%10.3f] [%-10.2f] [%010.2f] [%+.1f] [% .1f] [%#.0f]\n", 3.14159, 2.5, -7.25, 1.0, 1.0, 3.0);
  printf("[%e] [%.2e] [%E] [%.0e] [%e] [%e]\n", 0.0, 12345.678, 1e-10, 5e20, 1e300, 6.02214076e23);
  printf("[%g] [%g] [%g] [%g] [%g] [%g] [%g]\n", 100000.0, 1000000.0, 0.0001, 0.00001, 123.456, 1e-300, 0.0);
  printf("[%.3g] [%.10g] [%#g] [%G] [%.0g] [%g]\n", 3.14159, 0.3333333333333333, 1.5, 1e-20, 25.0, 9.9999999);
  printf("[%f] [%f] [%5.1f] [%e] [%g] [%-8f]\n", inf, minus_inf, nan, minus_nan, inf, inf);
  printf("[%.20f] [%.3e] [%g]\n", tiny, tiny, tiny);
  printf("[%.0f]\n[%e]\n", max, max);
  printf("[%.30f] [%.17g] [%f]\n", 0.1, 0.1, -0.0);
}

/* Pseudo-random doubles (xorshift64 bits, so the host computes the same ones) in every format. */
static void float_sweep(void) {
  unsigned long x = 88172645463325252UL;
  for (int i = 0; i < 200; i++) {
    double any, mid;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    any = from_bits(x);
    mid = from_bits((x & 0x800fffffffffffffUL) | ((0x3c0UL + (x >> 20) % 0x80) << 52));
    printf("%.17g %.3e %g | %.17g %.4e %.6f %g %.0f\n", any, any, any, mid, mid, mid, mid, mid);
  }
}

static void scanning(void) {
  int a = 0, b = 0, n = 0, r;
  unsigned u = 0;
  long l = 0;
  long long ll = 0;
  char word[16] = "", rest[32] = "", c3[4] = "", set[16] = "";
  short h = 0;
  void *p = 0;
  r = sscanf("  42 -17 rest", "%d %d %s", &a, &b, rest);
  printf("sscanf1 %d: %d %d %s\n", r, a, b, rest);
  r = sscanf("0x1f 077 12", "%i %i %i", &a, &b, &n);
  printf("sscanf2 %d: %d %d %d\n", r, a, b, n);
  r = sscanf("ff 777 4294967295 -9000000000", "%x %o %u %lld", &a, &b, &u, &ll);
  printf("sscanf3 %d: %d %d %u %lld\n", r, a, b, u, ll);
  r = sscanf("abcdef123", "%3s%2c%[a-f]%ld", word, c3, set, &l);
  printf("sscanf4 %d: %s %c%c %s %ld\n", r, word, c3[0], c3[1], set, l);
  r = sscanf("key=value;x", "%[^=]=%[^;]%n", word, rest, &n);
  printf("sscanf5 %d: %s %s %d\n", r, word, rest, n);
  r = sscanf("10 20", "%*d %hd", &h);
  printf("sscanf6 %d: %d\n", r, h);
  r = sscanf("100%", "%d%%", &a);
  printf("sscanf7 %d: %d\n", r, a);
  r = sscanf("12 abc", "%d %d", &a, &b);
  printf("sscanf8 %d: %d\n", r, a);
  r = sscanf("", "%d", &a);
  printf("sscanf9 %d\n", r);
  r = sscanf("   ", "%s", word);
  printf("sscanf10 %d\n", r);
  r = sscanf("0x1234", "%p", &p);
  printf("sscanf11 %d: %p\n", r, p);
  r = sscanf("x:5", "x:%d", &a);
  printf("sscanf12 %d: %d\n", r, a);
  r = sscanf("y:5", "x:%d", &a);
  printf("sscanf13 %d\n", r);
}

static void strings(void) {
  char a[32] = "hello";
  char b[32];
  char tokens[] = "  fork  exec wait ";
  char *t;
  printf("strlen=%zu cmp=%d %d %d ncmp=%d\n", strlen(a), strcmp(a, "hello") == 0,
         strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strncmp("forklab", "fork", 4));
  strcpy(b, a);
  strcat(b, ", world");
  printf("%s | %s | %s | %s\n", b, strchr(b, 'o'), strrchr(b, 'o'), strstr(b, "wor"));
  strncpy(b, "xy", 5);
  printf("strncpy=%s %d\n", b, b[4]);
  memset(b, 'z', 4);
  b[4] = 0;
  memmove(b + 1, b, 3);
  printf("memset/memmove=%s memcmp=%d\n", b, memcmp("abc", "abd", 3) < 0);
  printf("spn=%zu cspn=%zu\n", strspn("aabbc", "ab"), strcspn("hello", "l"));
  for (t = strtok(tokens, " "); t; t = strtok(NULL, " "))
    printf("token <%s>\n", t);
}

static void numbers(void) {
  char *end;
  long big;
  printf("atoi=%d %d %d\n", atoi("123"), atoi("  -77x"), atoi("junk"));
  printf("strtol=%ld %ld %ld\n", strtol("0x1f", &end, 16), strtol("0x1f", NULL, 0), strtol("077", NULL, 0));
  printf("strtol end=[%s]\n", end);
  printf("strtoul=%lu\n", strtoul("4294967296", NULL, 10));
  errno = 0;
  big = strtol("99999999999999999999", NULL, 10);
  printf("overflow=%ld erange=%d\n", big, errno == ERANGE);
  printf("abs=%d %ld\n", abs(-5), labs(-9L));
  printf("ctype=%d%d%d%d%d %c%c\n", !!isdigit('7'), !!isalpha('x'), !!isspace('\t'), !!isupper('a'),
         !!isxdigit('F'), toupper('q'), tolower('Q'));
}

static void memory(void) {
  int *v = malloc(100 * sizeof(int));
  int sorted[6] = {5, 3, 9, 1, 7, 2};
  long sum = 0;
  char *s;
  int i;
  for (i = 0; i < 100; i++)
    v[i] = i * i;
  v = realloc(v, 5000 * sizeof(int));
  for (i = 100; i < 5000; i++)
    v[i] = i;
  for (i = 0; i < 5000; i++)
    sum += v[i];
  free(v);
  v = calloc(1000, sizeof(int));
  for (i = 0; i < 1000; i++)
    sum += v[i];
  free(v);
  for (i = 0; i < 200; i++) {
    char *p = malloc((size_t)(i * 37 % 1000 + 1));
    p[0] = 1;
    free(p);
  }
  s = strdup("duplicate");
  printf("malloc sum=%ld %s\n", sum, s);
  free(s);
  qsort(sorted, 6, sizeof(int), by_value);
  printf("qsort=%d %d %d %d %d %d\n", sorted[0], sorted[1], sorted[2], sorted[3], sorted[4], sorted[5]);
}

int main(void) {
  formats();
  floats();
  float_sweep();
  scanning();
  strings();
  numbers();
  memory();
  printf("int limits %d %d %u\n", INT_MIN, INT_MAX, UINT_MAX);
  printf("int64 %ld %lu\n", (long)INT64_MIN, (unsigned long)UINT64_MAX);
  fputs("fputs line\n", stdout);
  puts("done");
  return 0;
}
