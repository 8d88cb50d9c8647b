#include <stdio.h>

static int bsearch_rec(const int *a, int lo, int hi, int key) {
  if (lo > hi) return -1;
  int mid = lo + (hi - lo) / 2;
  if (a[mid] == key) return mid;
  return a[mid] < key ? bsearch_rec(a, mid + 1, hi, key) : bsearch_rec(a, lo, mid - 1, key);
}

int main(void) {
  int a[32];
  for (int i = 0; i < 32; i++) a[i] = i * 3 + 1;
  int found = 0;
  for (int k = 0; k < 100; k += 7) {
    int at = bsearch_rec(a, 0, 31, k);
    if (at >= 0) found++;
    printf("%d->%d ", k, at);
  }
  printf("\n");
  return found;
}
