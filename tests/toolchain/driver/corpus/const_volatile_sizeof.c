#include <stdio.h>

int main(void) {
  const int limit = 10;
  volatile int spin = 0;
  for (int i = 0; i < limit; i++) spin += i;
  const char *const msg = "const";
  int arr[7];
  printf("%d %s %zu %zu %zu %zu\n", spin, msg, sizeof arr, sizeof arr / sizeof *arr, sizeof(long long), _Alignof(double));
  printf("%zu %zu %zu\n", sizeof(int[3][5]), sizeof(char *), sizeof "hello");
  return spin;
}
