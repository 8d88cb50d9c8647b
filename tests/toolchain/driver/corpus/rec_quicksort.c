#include <stdio.h>

static void quicksort(int *a, int lo, int hi) {
  if (lo >= hi) return;
  int p = a[(lo + hi) / 2], i = lo, j = hi;
  while (i <= j) {
    while (a[i] < p) i++;
    while (a[j] > p) j--;
    if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
  }
  quicksort(a, lo, j);
  quicksort(a, i, hi);
}

int main(void) {
  int a[40];
  unsigned s = 7;
  for (int i = 0; i < 40; i++) { s = s * 1664525u + 1013904223u; a[i] = (int)(s >> 22) - 512; }
  quicksort(a, 0, 39);
  int sorted = 1;
  for (int i = 0; i < 40; i++) { printf("%d ", a[i]); if (i && a[i - 1] > a[i]) sorted = 0; }
  printf("\nsorted=%d\n", sorted);
  return sorted;
}
