#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*binop)(int, int);
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }
struct op { const char *name; binop fn; };
int fold(binop f, int *v, int n, int init) { for (int i = 0; i < n; i++) init = f(init, v[i]); return init; }
int main(void) {
  struct op ops[] = {{"add", add}, {"sub", sub}, {"mul", mul}};
  int v[] = {1, 2, 3, 4, 5};
  for (int i = 0; i < 3; i++) printf("%s: %d %d\n", ops[i].name, ops[i].fn(7, 3), fold(ops[i].fn, v, 5, i == 2));
  int (*table[2][2])(int, int) = {{add, sub}, {mul, add}};
  printf("%d\n", table[1][0](6, 7));
  return 0;
}
