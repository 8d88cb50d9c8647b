#include <stdio.h>

typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }

static int fold(const int *xs, int n, binop f, int init) {
  for (int i = 0; i < n; i++) init = f(init, xs[i]);
  return init;
}

int main(void) {
  binop ops[] = {add, sub, mul};
  const char *names[] = {"add", "sub", "mul"};
  int xs[] = {1, 2, 3, 4, 5};
  for (int i = 0; i < 3; i++) printf("%s: %d\n", names[i], fold(xs, 5, ops[i], i == 2 ? 1 : 0));
  int (*pick)(int, int) = &sub;
  return (*pick)(10, 3);
}
