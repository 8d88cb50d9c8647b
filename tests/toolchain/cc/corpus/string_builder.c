#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char buf[256];
  int n = 0;
  for (int i = 1; i <= 15; i++) n += snprintf(buf + n, sizeof buf - n, i % 15 == 0 ? "FizzBuzz " : i % 5 == 0 ? "Buzz " : i % 3 == 0 ? "Fizz " : "%d ", i);
  printf("%s(%d)\n", buf, n);
  char small[8];
  int want = snprintf(small, sizeof small, "%s", "truncated text");
  printf("%s %d\n", small, want);
  return 0;
}
