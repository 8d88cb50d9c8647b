/*
 * softfloat.c -- IEEE-754 binary64/binary32 arithmetic for rv64imac programs (lp64, no F/D).
 *
 * ForkLab's compiler lowers every float/double operation to a call of the routine that the
 * RISC-V psABI and libgcc name (__adddf3, __ltdf2, __floatsidf, __fixdfsi, ...). This file
 * provides them, written in the C subset the compiler itself accepts, on the raw bits: a double
 * is passed and returned as its 64-bit pattern in an integer register, a float as its 32-bit
 * pattern, exactly as the lp64 soft-float ABI does.
 *
 * Rounding is round-to-nearest-even, the only mode C programs see by default. Internally a
 * finite value is (sign, biased exponent e, significand m) with the leading 1 of m at bit 62,
 * i.e. value = m * 2^(e - 1085) for double exponents; the 10 (double) or 39 (float) bits below
 * the kept significand are the guard bits, with a sticky bit or-ed into the lowest one.
 * binary32 add/sub/mul/div are computed in binary64 and rounded once more: binary64 has more
 * than 2*24+2 bits, so that double rounding is exact (Figueroa, 1995).
 */

typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;

#define D_SIGN   0x8000000000000000UL
#define D_INF    0x7ff0000000000000UL
#define D_QNAN   0x7ff8000000000000UL
#define D_FRAC   0x000fffffffffffffUL
#define F_QNAN   0x7fc00000U
#define TOP      0x4000000000000000UL  /* bit 62 */

static int d_isnan(u64 a) { return (a & ~D_SIGN) > D_INF; }
static int d_isinf(u64 a) { return (a & ~D_SIGN) == D_INF; }
static int d_iszero(u64 a) { return (a & ~D_SIGN) == 0; }

/* Shifts right by n, or-ing the bits shifted out into bit 0 (the sticky bit). */
static u64 shift_sticky(u64 m, int n) {
  if (n <= 0) return m;
  if (n >= 64) return m != 0;
  return (m >> n) | ((m << (64 - n)) != 0);
}

/* Number of leading zero bits of a nonzero value. */
static int clz64(u64 x) {
  int n = 0;
  if (!(x & 0xffffffff00000000UL)) { n += 32; x <<= 32; }
  if (!(x & 0xffff000000000000UL)) { n += 16; x <<= 16; }
  if (!(x & 0xff00000000000000UL)) { n += 8; x <<= 8; }
  if (!(x & 0xf000000000000000UL)) { n += 4; x <<= 4; }
  if (!(x & 0xc000000000000000UL)) { n += 2; x <<= 2; }
  if (!(x & 0x8000000000000000UL)) { n += 1; }
  return n;
}

/*
 * Rounds and packs sign/e/m (leading 1 of m at bit 62 or below for tiny results) into a format
 * with frac_bits fraction bits and maximum biased exponent emax (0x7ff or 0xff).
 */
static u64 round_pack(u64 sign, int e, u64 m, int frac_bits, int emax) {
  int guard = 62 - frac_bits;
  u64 half = 1UL << (guard - 1);
  u64 mask = (1UL << guard) - 1;
  u64 rest;
  if (m == 0) return sign << (frac_bits + (emax == 0x7ff ? 11 : 8));
  if (e < 1) {
    m = shift_sticky(m, 1 - e);
    e = 1;
  }
  rest = m & mask;
  m >>= guard;
  if (rest > half || (rest == half && (m & 1))) m++;
  /* m includes the implicit bit: adding it to (e - 1) carries into the exponent as needed */
  {
    u64 bits = ((u64)(e - 1) << frac_bits) + m;
    if (bits >= ((u64)emax << frac_bits)) bits = (u64)emax << frac_bits;
    return (sign << (frac_bits + (emax == 0x7ff ? 11 : 8))) | bits;
  }
}

static u64 pack_d(u64 sign, int e, u64 m) { return round_pack(sign, e, m, 52, 0x7ff); }

/* Unpacks a finite nonzero double: exponent in *e, significand with its leading 1 at bit 62. */
static u64 unpack_d(u64 a, int *e) {
  int ex = (int)((a >> 52) & 0x7ff);
  u64 m = a & D_FRAC;
  if (ex == 0) {
    int s = clz64(m) - 1;
    *e = 1 - (s - 10);
    return m << s;
  }
  *e = ex;
  return (m | (1UL << 52)) << 10;
}

u64 __adddf3(u64 a, u64 b) {
  u64 sa = a >> 63, sb = b >> 63, ma, mb, m;
  int ea, eb, d;
  if (d_isnan(a) || d_isnan(b)) return D_QNAN;
  if (d_isinf(a)) return (d_isinf(b) && sa != sb) ? D_QNAN : a;
  if (d_isinf(b)) return b;
  if (d_iszero(a)) return d_iszero(b) ? (a & b) : b;
  if (d_iszero(b)) return a;
  ma = unpack_d(a, &ea);
  mb = unpack_d(b, &eb);
  if (ea < eb || (ea == eb && ma < mb)) {
    u64 t = ma; ma = mb; mb = t;
    d = ea; ea = eb; eb = d;
    t = sa; sa = sb; sb = t;
  }
  mb = shift_sticky(mb, ea - eb);
  if (sa == sb) {
    m = ma + mb;
    if (m & D_SIGN) {
      m = shift_sticky(m, 1);
      ea++;
    }
  } else {
    m = ma - mb;
    if (m == 0) return 0;
    while (!(m & TOP)) {
      m <<= 1;
      ea--;
    }
  }
  return pack_d(sa, ea, m);
}

u64 __subdf3(u64 a, u64 b) {
  return __adddf3(a, d_isnan(b) ? b : b ^ D_SIGN);
}

/* 64x64 -> 128-bit product, high and low halves. */
static void mul128(u64 a, u64 b, u64 *hi, u64 *lo) {
  u64 al = a & 0xffffffffUL, ah = a >> 32, bl = b & 0xffffffffUL, bh = b >> 32;
  u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  u64 mid = (ll >> 32) + (lh & 0xffffffffUL) + (hl & 0xffffffffUL);
  *lo = (ll & 0xffffffffUL) | (mid << 32);
  *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

u64 __muldf3(u64 a, u64 b) {
  u64 sign = (a ^ b) >> 63, ma, mb, hi, lo, m;
  int ea, eb, e;
  if (d_isnan(a) || d_isnan(b)) return D_QNAN;
  if (d_isinf(a) || d_isinf(b)) {
    if (d_iszero(a) || d_iszero(b)) return D_QNAN;
    return (sign << 63) | D_INF;
  }
  if (d_iszero(a) || d_iszero(b)) return sign << 63;
  ma = unpack_d(a, &ea) >> 10;  /* 53-bit significands */
  mb = unpack_d(b, &eb) >> 10;
  mul128(ma, mb, &hi, &lo);      /* product in [2^104, 2^106) */
  e = ea + eb - 1023;
  if (hi & (1UL << 41)) {        /* bit 105 set: shift by 43 */
    m = (hi << 21) | (lo >> 43);
    m |= (lo & ((1UL << 43) - 1)) != 0;
    e++;
  } else {                       /* shift by 42 */
    m = (hi << 22) | (lo >> 42);
    m |= (lo & ((1UL << 42) - 1)) != 0;
  }
  return pack_d(sign, e, m);
}

u64 __divdf3(u64 a, u64 b) {
  u64 sign = (a ^ b) >> 63, ma, mb, q = 0, r;
  int ea, eb, e, i;
  if (d_isnan(a) || d_isnan(b)) return D_QNAN;
  if (d_isinf(a)) return d_isinf(b) ? D_QNAN : (sign << 63) | D_INF;
  if (d_isinf(b)) return sign << 63;
  if (d_iszero(b)) return d_iszero(a) ? D_QNAN : (sign << 63) | D_INF;
  if (d_iszero(a)) return sign << 63;
  ma = unpack_d(a, &ea) >> 10;
  mb = unpack_d(b, &eb) >> 10;
  e = ea - eb + 1023;
  if (ma < mb) {
    ma <<= 1;
    e--;
  }
  r = ma;
  for (i = 0; i < 63; i++) {
    q <<= 1;
    if (r >= mb) {
      r -= mb;
      q |= 1;
    }
    r <<= 1;
  }
  return pack_d(sign, e, q | (r != 0));
}

u64 __negdf2(u64 a) { return a ^ D_SIGN; }

/* -1 less, 0 equal, 1 greater, 2 unordered */
static int cmp_d(u64 a, u64 b) {
  i64 ka, kb;
  if (d_isnan(a) || d_isnan(b)) return 2;
  if (d_iszero(a) && d_iszero(b)) return 0;
  ka = (a & D_SIGN) ? -(i64)(a & ~D_SIGN) : (i64)a;
  kb = (b & D_SIGN) ? -(i64)(b & ~D_SIGN) : (i64)b;
  return ka < kb ? -1 : ka > kb;
}

int __eqdf2(u64 a, u64 b) { return cmp_d(a, b) != 0; }
int __nedf2(u64 a, u64 b) { return cmp_d(a, b) != 0; }
int __ltdf2(u64 a, u64 b) { int c = cmp_d(a, b); return c == 2 ? 1 : c; }
int __ledf2(u64 a, u64 b) { int c = cmp_d(a, b); return c == 2 ? 1 : c; }
int __gtdf2(u64 a, u64 b) { int c = cmp_d(a, b); return c == 2 ? -1 : c; }
int __gedf2(u64 a, u64 b) { int c = cmp_d(a, b); return c == 2 ? -1 : c; }
int __unorddf2(u64 a, u64 b) { return d_isnan(a) || d_isnan(b); }

/* ---- conversions between integers and double ---- */

static u64 from_u64(u64 sign, u64 u, int frac_bits, int emax, int bias) {
  int s;
  if (u == 0) return 0;
  s = clz64(u) - 1;
  if (s < 0) u = shift_sticky(u, 1);
  else u <<= s;
  /* value = u * 2^-s = m * 2^(e - bias - 62) */
  return round_pack(sign, bias + 62 - s, u, frac_bits, emax);
}

u64 __floatdidf(i64 x) { return x < 0 ? from_u64(1, -(u64)x, 52, 0x7ff, 1023) : from_u64(0, (u64)x, 52, 0x7ff, 1023); }
u64 __floatundidf(u64 x) { return from_u64(0, x, 52, 0x7ff, 1023); }
u64 __floatsidf(int x) { return __floatdidf(x); }
u64 __floatunsidf(u32 x) { return __floatundidf(x); }

/* Truncates |a| toward zero; *overflow is set when |a| >= 2^limit_bits. */
static u64 trunc_mag(u64 a, int limit_bits, int *overflow) {
  int e = (int)((a >> 52) & 0x7ff);
  int shift;
  u64 m;
  *overflow = 0;
  if (d_isnan(a)) {
    *overflow = 1;
    return 0;
  }
  if (e < 1023) return 0;
  if (e - 1023 >= limit_bits) {
    *overflow = 1;
    return 0;
  }
  m = (a & D_FRAC) | (1UL << 52);
  shift = e - 1075;
  return shift >= 0 ? m << shift : m >> -shift;
}

i64 __fixdfdi(u64 a) {
  int over;
  u64 m = trunc_mag(a, 63, &over);
  if (over) return (a & D_SIGN) ? (i64)0x8000000000000000UL : 0x7fffffffffffffffL;
  return (a & D_SIGN) ? -(i64)m : (i64)m;
}

u64 __fixunsdfdi(u64 a) {
  int over;
  u64 m;
  if (a & D_SIGN) return 0;
  m = trunc_mag(a, 64, &over);
  return over ? 0xffffffffffffffffUL : m;
}

int __fixdfsi(u64 a) {
  i64 v = __fixdfdi(a);
  if (v > 2147483647L) return 2147483647;
  if (v < -2147483648L) return -2147483647 - 1;
  return (int)v;
}

u32 __fixunsdfsi(u64 a) {
  u64 v = __fixunsdfdi(a);
  return v > 0xffffffffUL ? 0xffffffffU : (u32)v;
}

/* ---- binary32 ---- */

u64 __extendsfdf2(u32 f) {
  u64 sign = (u64)(f >> 31) << 63;
  int e = (int)((f >> 23) & 0xff);
  u64 m = f & 0x7fffff;
  if (e == 0xff) return m ? D_QNAN : sign | D_INF;
  if (e == 0) {
    int s;
    if (m == 0) return sign;
    s = clz64(m) - 40;  /* move the leading 1 to bit 23 */
    m = (m << s) & 0x7fffff;
    e = 1 - s;
  }
  return sign | ((u64)(e - 127 + 1023) << 52) | (m << 29);
}

u32 __truncdfsf2(u64 a) {
  u64 sign = a >> 63, m;
  int e;
  if (d_isnan(a)) return F_QNAN;
  if (d_isinf(a)) return (u32)(sign << 31) | 0x7f800000U;
  if (d_iszero(a)) return (u32)(sign << 31);
  m = unpack_d(a, &e);
  return (u32)round_pack(sign, e - 1023 + 127, m, 23, 0xff);
}

u32 __addsf3(u32 a, u32 b) { return __truncdfsf2(__adddf3(__extendsfdf2(a), __extendsfdf2(b))); }
u32 __subsf3(u32 a, u32 b) { return __truncdfsf2(__subdf3(__extendsfdf2(a), __extendsfdf2(b))); }
u32 __mulsf3(u32 a, u32 b) { return __truncdfsf2(__muldf3(__extendsfdf2(a), __extendsfdf2(b))); }
u32 __divsf3(u32 a, u32 b) { return __truncdfsf2(__divdf3(__extendsfdf2(a), __extendsfdf2(b))); }
u32 __negsf2(u32 a) { return a ^ 0x80000000U; }

int __eqsf2(u32 a, u32 b) { return __eqdf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __nesf2(u32 a, u32 b) { return __nedf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __ltsf2(u32 a, u32 b) { return __ltdf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __lesf2(u32 a, u32 b) { return __ledf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __gtsf2(u32 a, u32 b) { return __gtdf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __gesf2(u32 a, u32 b) { return __gedf2(__extendsfdf2(a), __extendsfdf2(b)); }
int __unordsf2(u32 a, u32 b) { return __unorddf2(__extendsfdf2(a), __extendsfdf2(b)); }

u32 __floatdisf(i64 x) { return (u32)(x < 0 ? from_u64(1, -(u64)x, 23, 0xff, 127) : from_u64(0, (u64)x, 23, 0xff, 127)); }
u32 __floatundisf(u64 x) { return (u32)from_u64(0, x, 23, 0xff, 127); }
u32 __floatsisf(int x) { return __floatdisf(x); }
u32 __floatunsisf(u32 x) { return __floatundisf(x); }
i64 __fixsfdi(u32 a) { return __fixdfdi(__extendsfdf2(a)); }
u64 __fixunssfdi(u32 a) { return __fixunsdfdi(__extendsfdf2(a)); }
int __fixsfsi(u32 a) { return __fixdfsi(__extendsfdf2(a)); }
u32 __fixunssfsi(u32 a) { return __fixunsdfsi(__extendsfdf2(a)); }
