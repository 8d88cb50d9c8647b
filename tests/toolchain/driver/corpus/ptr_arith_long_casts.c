#include <stdio.h>

int main(void) {
  long arr[10];
  long *a = &arr[2], *b = &arr[9];
  unsigned long ua = (unsigned long)a, ub = (unsigned long)b;
  printf("diff=%ld bytes=%lu aligned=%d\n", (long)(b - a), ub - ua, (int)(ua % sizeof(long)));
  char *c = (char *)a;
  c += sizeof(long) * 3;
  printf("back to index %ld\n", (long)((long *)c - arr));
  void *v = arr + 4;
  printf("void arith via char: %ld\n", (long)((char *)v - (char *)arr));
  return (int)(b - a);
}
