#include <stdio.h>

static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

int main(void) {
  int v[6] = {5, 3, 9, 1, 7, 2};
  int *p = v, *q = v + 5;
  while (p < q) swap(p++, q--);
  for (int i = 0; i < 6; i++) printf("%d ", v[i]);
  printf("\nq - p = %ld, *(v + 2) = %d, 3[v] = %d\n", (long)(q - p), *(v + 2), 3[v]);
  int **pp = &p;
  **pp = 42;
  printf("v[3]=%d\n", v[3]);
  return v[0];
}
