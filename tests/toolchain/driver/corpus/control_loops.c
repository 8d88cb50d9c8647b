#include <stdio.h>

int main(void) {
  int primes = 0;
  for (int n = 2; n < 100; n++) {
    int d;
    for (d = 2; d * d <= n; d++)
      if (n % d == 0) break;
    if (d * d > n) { primes++; printf("%d ", n); }
  }
  printf("\n");
  int k = 0;
  do { k += 7; } while (k % 5 != 0);
  int w = 100, steps = 0;
  while (w != 1) { w = (w % 2) ? 3 * w + 1 : w / 2; steps++; if (steps > 1000) break; }
  int skipped = 0;
  for (int i = 0; i < 10; i++) { if (i % 3 == 0) continue; skipped += i; }
  printf("primes=%d k=%d collatz(100)=%d skipped=%d\n", primes, k, steps, skipped);
  return primes;
}
