#include <stdio.h>

static const char *ordinal(int n) {
  static char buf[4][16];
  static int next;
  char *b = buf[next++ % 4];
  const char *suf = (n % 100 >= 11 && n % 100 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  sprintf(b, "%d%s", n, suf);
  return b;
}

int main(void) {
  printf("%s %s %s %s\n", ordinal(1), ordinal(2), ordinal(3), ordinal(4));
  printf("%s %s %s %s\n", ordinal(11), ordinal(12), ordinal(22), ordinal(113));
  return 0;
}
