#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

int main(void) {
  int v[] = {42, -7, 19, 0, 3, 3, 100, -50, 8};
  int n = sizeof v / sizeof v[0];
  qsort(v, n, sizeof v[0], cmp_int);
  for (int i = 0; i < n; i++) printf("%d ", v[i]);
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry"};
  qsort(words, 5, sizeof words[0], cmp_str);
  printf("\n");
  for (int i = 0; i < 5; i++) printf("%s ", words[i]);
  printf("\n");
  return v[n - 1];
}
