/*
 * fltfmt.c -- decimal digits of a double for printf's %f %e %g, with
 * integer arithmetic only (the lab's CPU has no FPU, and gcc builds of
 * this library link no soft-float routines).
 *
 * A finite double is m * 2^e2 with a 53-bit m. Its exact decimal
 * expansion is finite: the integer part comes from m << e2 (a big number
 * divided by 10^9 repeatedly), the fraction from m's low -e2 bits,
 * multiplied by 10 one digit at a time. Rounding is to nearest, ties to
 * even, on the exact value -- what glibc does, so output matches it digit
 * for digit.
 */
#include <stddef.h>
#include <stdint.h>

#define WORDS 36        /* 1152 bits: more than the 1074 fraction bits of the smallest double */
#define INT_DIGITS 320  /* DBL_MAX has 309 integer digits */

/* The digits of |value| in order: integer part first, then fraction digits on demand. */
typedef struct Digits {
  char int_part[INT_DIGITS];
  int int_len;        /* 1 ("0") for values below 1 */
  int int_pos;        /* next integer digit to hand out */
  uint32_t frac[WORDS]; /* fraction * 2^(32*frac_words) */
  int frac_words;
  int frac_zero;      /* no fraction bits left */
} Digits;

static void digits_init(Digits *d, uint64_t m, int e2) {
  int i;
  for (i = 0; i < WORDS; i++)
    d->frac[i] = 0;
  d->frac_words = 0;
  d->frac_zero = 1;
  d->int_pos = 0;
  d->int_len = 0;

  if (e2 >= 0) {
    /* Integer m << e2: build it in 32-bit words, then peel off base-10^9 chunks. */
    uint32_t big[WORDS];
    int n = 0, shift_words = e2 / 32, shift = e2 % 32;
    char rev[INT_DIGITS];
    int rlen = 0;
    for (i = 0; i < WORDS; i++)
      big[i] = 0;
    big[shift_words] = (uint32_t)(m << shift);
    big[shift_words + 1] = (uint32_t)((m << shift) >> 32);
    if (shift > 0)
      big[shift_words + 2] = (uint32_t)(m >> (64 - shift));
    n = shift_words + 3;
    while (n > 0 && big[n - 1] == 0)
      n--;
    while (n > 0) {
      uint64_t rem = 0;
      for (i = n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | big[i];
        big[i] = (uint32_t)(cur / 1000000000);
        rem = cur % 1000000000;
      }
      while (n > 0 && big[n - 1] == 0)
        n--;
      for (i = 0; i < 9 && (n > 0 || rem > 0); i++) {
        rev[rlen++] = (char)('0' + rem % 10);
        rem /= 10;
      }
    }
    if (rlen == 0)
      rev[rlen++] = '0';
    for (i = 0; i < rlen; i++)
      d->int_part[i] = rev[rlen - 1 - i];
    d->int_len = rlen;
    return;
  }

  /* Integer part: m >> -e2 (zero once the shift passes m's 53 bits). */
  {
    int bits = -e2;
    uint64_t ip = bits < 64 ? m >> bits : 0;
    uint64_t fr = bits < 64 ? m & ((1UL << bits) - 1) : m;
    char rev[24];
    int rlen = 0, pad;
    do {
      rev[rlen++] = (char)('0' + ip % 10);
      ip /= 10;
    } while (ip > 0);
    for (i = 0; i < rlen; i++)
      d->int_part[i] = rev[rlen - 1 - i];
    d->int_len = rlen;

    /* Fraction fr / 2^bits, rescaled so the binary point sits on a word boundary. */
    d->frac_words = (bits + 31) / 32;
    pad = d->frac_words * 32 - bits;
    if (fr != 0) {
      d->frac_zero = 0;
      d->frac[0] = (uint32_t)(fr << pad);
      if (d->frac_words > 1)
        d->frac[1] = (uint32_t)((fr << pad) >> 32);
      if (pad > 0 && d->frac_words > 2)
        d->frac[2] = (uint32_t)(fr >> (64 - pad));
    }
  }
}

/* The next fraction digit: multiply by 10 and take what crosses the binary point. */
static int next_frac_digit(Digits *d) {
  uint64_t carry = 0;
  int i, nonzero = 0;
  if (d->frac_zero)
    return 0;
  for (i = 0; i < d->frac_words; i++) {
    uint64_t t = (uint64_t)d->frac[i] * 10 + carry;
    d->frac[i] = (uint32_t)t;
    carry = t >> 32;
    nonzero |= d->frac[i] != 0;
  }
  d->frac_zero = !nonzero;
  return (int)carry;
}

/*
 * Rounds the digit string s[0..n) to nearest given the next digit and
 * whether anything nonzero follows it; ties go to even. Returns 1 when the
 * carry ran out of the top ("999" -> "000" + carry).
 */
static int round_digits(char *s, int n, int next, int sticky) {
  int last = n > 0 ? s[n - 1] - '0' : 0;
  if (next < 5 || (next == 5 && !sticky && (last % 2) == 0))
    return 0;
  for (int i = n - 1; i >= 0; i--) {
    if (s[i] == '9') {
      s[i] = '0';
    } else {
      s[i]++;
      return 0;
    }
  }
  return 1;
}

/* %f: integer digits, '.', precision fraction digits. Returns the length. */
static int format_fixed(Digits *d, int precision, int alt, char *out) {
  char buf[INT_DIGITS + 600];
  int n = 0, len = 0, next, carry;
  for (int i = 0; i < d->int_len; i++)
    buf[n++] = d->int_part[i];
  for (int i = 0; i < precision; i++)
    buf[n++] = (char)('0' + next_frac_digit(d));
  next = next_frac_digit(d);
  carry = round_digits(buf, n, next, !d->frac_zero);
  if (carry)
    out[len++] = '1';
  for (int i = 0; i < d->int_len; i++)
    out[len++] = buf[i];
  if (precision > 0 || alt)
    out[len++] = '.';
  for (int i = 0; i < precision; i++)
    out[len++] = buf[d->int_len + i];
  return len;
}

/*
 * The first count significant digits (rounded) and the decimal exponent
 * of the first one. A zero value gives zeros and exponent 0.
 */
static int significant(Digits *d, char *sig, int count) {
  int exp10, n = 0, next, sticky;
  int leading = d->int_len == 1 && d->int_part[0] == '0';
  if (!leading) {
    exp10 = d->int_len - 1;
    while (n < count && d->int_pos < d->int_len)
      sig[n++] = d->int_part[d->int_pos++];
  } else {
    int zeros = 0, c = 0;
    d->int_pos = d->int_len; /* the integer part is just "0": not a significant digit */
    while (!d->frac_zero && (c = next_frac_digit(d)) == 0)
      zeros++;
    if (c == 0) { /* the value is zero */
      for (n = 0; n < count; n++)
        sig[n] = '0';
      return 0;
    }
    exp10 = -(zeros + 1);
    sig[n++] = (char)('0' + c);
  }
  while (n < count)
    sig[n++] = (char)('0' + (d->int_pos < d->int_len ? d->int_part[d->int_pos++] - '0' : next_frac_digit(d)));
  next = d->int_pos < d->int_len ? d->int_part[d->int_pos++] - '0' : next_frac_digit(d);
  sticky = !d->frac_zero;
  while (d->int_pos < d->int_len)
    sticky |= d->int_part[d->int_pos++] != '0';
  if (round_digits(sig, count, next, sticky)) {
    sig[0] = '1';
    for (int i = 1; i < count; i++)
      sig[i] = '0';
    exp10++;
  }
  return exp10;
}

static int put_exponent(char *out, int len, int exp10, int upper) {
  out[len++] = upper ? 'E' : 'e';
  out[len++] = exp10 < 0 ? '-' : '+';
  if (exp10 < 0)
    exp10 = -exp10;
  if (exp10 >= 100)
    out[len++] = (char)('0' + exp10 / 100);
  out[len++] = (char)('0' + exp10 / 10 % 10);
  out[len++] = (char)('0' + exp10 % 10);
  return len;
}

/* Drops trailing fraction zeros (and a bare '.') from out[0..len), for %g. */
static int strip_zeros(char *out, int len) {
  int dot = -1;
  for (int i = 0; i < len; i++)
    if (out[i] == '.')
      dot = i;
  if (dot < 0)
    return len;
  while (len > dot + 1 && out[len - 1] == '0')
    len--;
  if (len == dot + 1)
    len--;
  return len;
}

/*
 * Formats |v| for conversion conv (f F e E g G) into out (room for 1000
 * characters), without sign or padding. Sets *neg from the sign bit and
 * *finite to 0 for inf and nan. Precision is capped at 500.
 */
int __format_double(double v, int conv, int precision, int alt, char *out, int *neg, int *finite) {
  union {
    double d;
    uint64_t u;
  } bits;
  Digits d;
  int upper = conv == 'F' || conv == 'E' || conv == 'G';
  int biased, e2, len = 0;
  uint64_t m;

  bits.d = v;
  *neg = (int)(bits.u >> 63);
  biased = (int)((bits.u >> 52) & 0x7ff);
  m = bits.u & ((1UL << 52) - 1);
  *finite = biased != 0x7ff;
  if (!*finite) {
    const char *s = m ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    for (; *s; s++)
      out[len++] = *s;
    return len;
  }
  if (biased == 0) {
    e2 = -1074; /* subnormal or zero */
  } else {
    m |= 1UL << 52;
    e2 = biased - 1075;
  }
  if (precision > 500)
    precision = 500;
  digits_init(&d, m, e2);

  if (conv == 'f' || conv == 'F')
    return format_fixed(&d, precision, alt, out);

  if (conv == 'e' || conv == 'E') {
    char sig[502];
    int exp10 = significant(&d, sig, precision + 1);
    out[len++] = sig[0];
    if (precision > 0 || alt)
      out[len++] = '.';
    for (int i = 1; i <= precision; i++)
      out[len++] = sig[i];
    return put_exponent(out, len, exp10, upper);
  }

  /* %g: P significant digits, fixed notation when the exponent is in [-4, P). */
  {
    char sig[502];
    int p = precision == 0 ? 1 : precision;
    int exp10;
    Digits copy = d;
    exp10 = significant(&copy, sig, p);
    if (exp10 >= -4 && exp10 < p) {
      len = format_fixed(&d, p - 1 - exp10, alt, out);
    } else {
      out[len++] = sig[0];
      if (p > 1 || alt)
        out[len++] = '.';
      for (int i = 1; i < p; i++)
        out[len++] = sig[i];
      if (!alt)
        len = strip_zeros(out, len);
      return put_exponent(out, len, exp10, upper);
    }
    return alt ? len : strip_zeros(out, len);
  }
}
