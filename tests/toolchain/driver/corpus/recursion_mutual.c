#include <stdio.h>

int is_odd(unsigned n);
int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static long fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }

int main(void) {
  for (unsigned i = 0; i < 6; i++) printf("%u even=%d odd=%d\n", i, is_even(i), is_odd(i));
  printf("20! = %ld\n", fact(20));
  return (int)(fact(10) % 251);
}
