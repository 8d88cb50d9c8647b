#include <stdio.h>

static unsigned long memo[100];
static int calls;

static unsigned long fib(int n) {
  calls++;
  if (n < 2) return (unsigned long)n;
  if (memo[n]) return memo[n];
  return memo[n] = fib(n - 1) + fib(n - 2);
}

int main(void) {
  printf("fib(80)=%lu calls=%d\n", fib(80), calls);
  calls = 0;
  printf("fib(90)=%lu calls=%d\n", fib(90), calls);
  return calls;
}
