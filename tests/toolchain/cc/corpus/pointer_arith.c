#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  int arr[10];
  for (int i = 0; i < 10; i++) arr[i] = i * 3;
  int *p = arr, *q = &arr[9];
  printf("%ld %d %d\n", q - p, *(p + 4), p[7]);
  p += 2; q -= 3;
  printf("%d %d %d\n", *p, *q, q > p);
  char *c = (char *)arr;
  printf("%d %d\n", (int)((char *)(arr + 1) - c), *(int *)(c + 8));
  int **pp = &p;
  **pp = 99;
  printf("%d\n", arr[2]);
  void *v = arr;
  printf("%d\n", ((int *)v)[5]);
  return 0;
}
