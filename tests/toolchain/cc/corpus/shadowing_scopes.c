#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int x = 1;
int f(void) { return x; }
int main(void) {
  int x = 2;
  printf("%d ", x);
  { int x = 3; printf("%d ", x); { extern int x; printf("%d ", x); } }
  for (int x = 4; x < 5; x++) printf("%d ", x);
  printf("%d %d\n", x, f());
  return 0;
}
