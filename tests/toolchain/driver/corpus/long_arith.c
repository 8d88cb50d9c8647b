#include <stdio.h>

static unsigned long gcd(unsigned long a, unsigned long b) { while (b) { unsigned long t = a % b; a = b; b = t; } return a; }
static unsigned long powmod(unsigned long b, unsigned long e, unsigned long m) {
  unsigned long r = 1;
  b %= m;
  while (e) { if (e & 1) r = r * b % m; b = b * b % m; e >>= 1; }
  return r;
}

int main(void) {
  printf("gcd=%lu lcm=%lu\n", gcd(462, 1071), 462 / gcd(462, 1071) * 1071);
  printf("powmod=%lu\n", powmod(7, 560, 561));
  long long big = 1;
  for (int i = 0; i < 62; i++) big *= 2;
  printf("%lld %lld %lld\n", big, big / 3, -big % 1000);
  unsigned long fib[90];
  fib[0] = 0; fib[1] = 1;
  for (int i = 2; i < 90; i++) fib[i] = fib[i - 1] + fib[i - 2];
  printf("fib89=%lu\n", fib[89]);
  return (int)(fib[89] % 200);
}
