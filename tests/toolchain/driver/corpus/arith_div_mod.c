#include <stdio.h>

int main(void) {
  int n[] = {7, -7, 7, -7, 0, 1};
  int d[] = {2, 2, -2, -2, 5, -1};
  for (int i = 0; i < 6; i++) printf("%d / %d = %d, %% = %d\n", n[i], d[i], n[i] / d[i], n[i] % d[i]);
  unsigned u = 7;
  printf("%u %u\n", u / 2, (0u - u) % 10);
  long big = 1000000007L * 3;
  printf("%ld %ld\n", big / 7, big % 1000);
  return (int)(big % 256);
}
