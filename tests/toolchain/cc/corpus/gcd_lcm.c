#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long gcd(long a, long b) { while (b) { long t = a % b; a = b; b = t; } return a; }
long lcm(long a, long b) { return a / gcd(a, b) * b; }
int main(void) {
  long l = 1;
  for (int i = 1; i <= 20; i++) l = lcm(l, i);
  printf("lcm 1..20 = %ld, gcd = %ld\n", l, gcd(1071, 462));
  unsigned long fib[90] = {0, 1};
  for (int i = 2; i < 90; i++) fib[i] = fib[i - 1] + fib[i - 2];
  printf("fib 89 = %lu\n", fib[89]);
  return 0;
}
