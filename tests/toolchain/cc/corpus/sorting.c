#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bubble(int *a, int n) { for (int i = 0; i < n; i++) for (int j = 0; j + 1 < n - i; j++) if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; } }
void quick(int *a, int lo, int hi) {
  if (lo >= hi) return;
  int p = a[(lo + hi) / 2], i = lo, j = hi;
  while (i <= j) { while (a[i] < p) i++; while (a[j] > p) j--; if (i <= j) { int t = a[i]; a[i++] = a[j]; a[j--] = t; } }
  quick(a, lo, j); quick(a, i, hi);
}
int main(void) {
  int a[20], b[20];
  unsigned s = 7;
  for (int i = 0; i < 20; i++) { s = s * 1664525 + 1013904223; a[i] = b[i] = (int)(s >> 24) - 128; }
  bubble(a, 20); quick(b, 0, 19);
  for (int i = 0; i < 20; i++) printf("%d%c", a[i], i == 19 ? '\n' : ' ');
  printf("%s\n", memcmp(a, b, sizeof a) == 0 ? "same" : "different");
  return 0;
}
