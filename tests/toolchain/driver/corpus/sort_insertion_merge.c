#include <stdio.h>
#include <string.h>

static void insertion(int *a, int n) {
  for (int i = 1; i < n; i++) {
    int k = a[i], j = i - 1;
    while (j >= 0 && a[j] > k) { a[j + 1] = a[j]; j--; }
    a[j + 1] = k;
  }
}

static void merge_sort(int *a, int *tmp, int n) {
  if (n < 2) return;
  int m = n / 2;
  merge_sort(a, tmp, m);
  merge_sort(a + m, tmp, n - m);
  int i = 0, j = m, k = 0;
  while (i < m && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < m) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof *a);
}

int main(void) {
  int a[20], b[20], tmp[20];
  unsigned seed = 12345;
  for (int i = 0; i < 20; i++) { seed = seed * 1103515245u + 12345u; a[i] = b[i] = (int)((seed >> 16) % 1000); }
  insertion(a, 20);
  merge_sort(b, tmp, 20);
  int same = memcmp(a, b, sizeof a) == 0;
  for (int i = 0; i < 20; i++) printf("%d%c", a[i], i == 19 ? '\n' : ' ');
  return same;
}
