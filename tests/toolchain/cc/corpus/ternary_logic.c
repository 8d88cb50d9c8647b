#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int calls;
int t(int v) { calls++; return v; }
int main(void) {
  int r = t(0) && t(1);
  int s = t(1) || t(0);
  int u = t(0) ? t(10) : t(20);
  printf("%d %d %d calls %d\n", r, s, u, calls);
  int a = 3, b = 5;
  int m = a > b ? a : b < 4 ? b : -b;
  printf("%d %d\n", m, (a, b));
  return 0;
}
