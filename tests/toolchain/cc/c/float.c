#include "test.h"

/* Floating point: every result is printed as its bit pattern, so the comparison with the gcc
   build (hardware F/D on the reference side) is exact, including NaN, infinities, signed zeros
   and subnormals. The ForkLab side runs on the soft-float runtime. */

typedef unsigned long u64;
typedef unsigned int u32;

u64 dbits(double d) { union { double d; u64 u; } x; x.d = d; return x.u; }
double dfrom(u64 u) { union { double d; u64 u; } x; x.u = u; return x.d; }
u32 fbits(float f) { union { float f; u32 u; } x; x.f = f; return x.u; }
float ffrom(u32 u) { union { float f; u32 u; } x; x.u = u; return x.f; }

u64 seed = 88172645463325252UL;
u64 next(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }

/* NaN payloads and signs are not specified by C; print every NaN the same way. */
u64 canon(u64 b) { return ((b >> 52) & 0x7ff) == 0x7ff && (b << 12) ? 0x7ff8000000000000UL : b; }
u32 fcanon(u32 b) { return ((b >> 23) & 0xff) == 0xff && (b << 9) ? 0x7fc00000U : b; }

double specials[] = {0.0, -0.0, 1.0, -1.0, 0.1, 3.0, 1e308, -1e308, 4.9e-324, 2.2250738585072014e-308,
                     1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0, 123456789.123, 1e-300, 0.5, 2.5, 9007199254740993.0};

double g_half = 0.5;
float g_f = 1.25f;
double g_arr[3] = {1.5, -2.0, 1e10};

double poly(double x) { return ((2.0 * x - 3.0) * x + 0.25) * x - 7.0; }
float favg(float a, float b) { return (a + b) / 2; }
double sum_var(int n, ...) {
  __builtin_va_list ap;
  __builtin_va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; i++) s += __builtin_va_arg(ap, double);
  __builtin_va_end(ap);
  return s;
}
struct Pt { double x, y; };
struct Pt mid(struct Pt a, struct Pt b) { struct Pt m = {(a.x + b.x) / 2, (a.y + b.y) / 2}; return m; }

int main() {
  int n = sizeof(specials) / sizeof(specials[0]);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) {
      double a = specials[i], b = specials[j];
      printf("%d %d %016lx %016lx %016lx %016lx %d%d%d%d%d%d\n", i, j, canon(dbits(a + b)), canon(dbits(a - b)),
             canon(dbits(a * b)), canon(dbits(a / b)), a == b, a != b, a < b, a <= b, a > b, a >= b);
    }
    double a = specials[i];
    printf("conv %d %ld %lu %d %u %08x %016lx\n", i, (a > -1e18 && a < 1e18) ? (long)a : 0L,
           (a >= 0 && a < 1e19) ? (unsigned long)a : 0UL, (a > -2e9 && a < 2e9) ? (int)a : 0,
           (a >= 0 && a < 4e9) ? (unsigned)a : 0U, fcanon(fbits((float)a)), canon(dbits((double)(float)a)));
  }
  u64 acc = 0;
  for (int i = 0; i < 3000; i++) {
    double a = dfrom(next()), b = dfrom(next());
    acc = acc * 31 + canon(dbits(a + b));
    acc = acc * 31 + canon(dbits(a - b));
    acc = acc * 31 + canon(dbits(a * b));
    acc = acc * 31 + canon(dbits(a / b));
    float fa = ffrom((u32)next()), fb = ffrom((u32)next());
    acc = acc * 31 + fcanon(fbits(fa + fb)) + fcanon(fbits(fa * fb)) * 7 + fcanon(fbits(fa / fb)) * 11 + (fa < fb);
    long l = (long)next();
    acc = acc * 31 + dbits((double)l) + fbits((float)l) + dbits((double)(u64)l) + fbits((float)(int)l);
    /* values scaled into ranges where the integer conversions are defined */
    double small = dfrom((next() & 0x800fffffffffffffUL) | 0x4030000000000000UL);
    acc = acc * 31 + (u64)(long)small + (u64)(int)(small / 1e3);
  }
  printf("random %016lx\n", acc);
  ASSERT(1, 0.1 + 0.2 != 0.3);
  ASSERT(-7, (long)poly(0.0));
  ASSERT(20, (long)poly(3.0));
  ASSERT(1, g_half * 4 == 2.0);
  ASSERT(2, (int)(g_f * 2));
  ASSERT(10000000000L, (long)g_arr[2]);
  ASSERT(1, favg(1.0f, 2.0f) == 1.5f);
  ASSERT(1, sum_var(3, 1.5, 2.5, 3.0) == 7.0);
  ASSERT(3, (int)mid((struct Pt){1, 2}, (struct Pt){5, 6}).x);
  ASSERT(1, ({ double d = 3; d += 0.5; d *= 2; d == 7.0; }));
  ASSERT(1, ({ double d = 0; d++; ++d; d--; d == 1.0; }));
  ASSERT(0, ({ double d = 0.0; !d ? 0 : 1; }));
  ASSERT(1, ({ double d = -0.0; d ? 0 : 1; }));
  ASSERT(1, ({ double d = 0.0 / 0.0; d ? 1 : 0; }));
  ASSERT(1, ({ double d = 0.5; d && 1; }));
  ASSERT(8, sizeof(1.0));
  ASSERT(4, sizeof(1.0f));
  ASSERT(-3, (int)-3.99);
  ASSERT(1, (_Bool)0.1);
  ASSERT(1, -specials[2] == -1.0);
  char buf[64];
  sprintf(buf, "%.3f %e %g", 3.14159, 12345.678, 0.0001);
  printf("%s\n", buf);
  return ok();
}
