#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  int i = 0, odd = 0, n = 27, steps = 0;
  do { if (++i % 2 == 0) continue; odd += i; } while (i < 10);
  while (n != 1) { n = n % 2 ? 3 * n + 1 : n / 2; steps++; }
  printf("%d %d\n", odd, steps);
  for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) { if (b == a) continue; if (a + b == 3) break; printf("(%d,%d)", a, b); }
  printf("\n");
  return 0;
}
