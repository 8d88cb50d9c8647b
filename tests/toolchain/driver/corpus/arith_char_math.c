#include <stdio.h>

int main(void) {
  char digits[11];
  for (int i = 0; i < 10; i++) digits[i] = (char)('0' + i);
  digits[10] = 0;
  int value = 0;
  for (const char *p = "31415"; *p; p++) value = value * 10 + (*p - '0');
  char lower = 'Q' | 0x20, upper = 'q' & ~0x20;
  printf("%s %d %c %c %d\n", digits, value, lower, upper, 'z' - 'a');
  return value % 256;
}
