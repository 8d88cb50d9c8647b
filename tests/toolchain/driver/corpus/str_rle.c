#include <stdio.h>
#include <string.h>

static int rle(const char *in, char *out) {
  char *o = out;
  while (*in) {
    char c = *in;
    int n = 0;
    while (*in == c) { in++; n++; }
    o += sprintf(o, "%d%c", n, c);
  }
  return (int)(o - out);
}

int main(void) {
  const char *tests[] = {"aaabccdddd", "abc", "zzzzzzzzzzzz", ""};
  char out[64];
  int total = 0;
  for (int i = 0; i < 4; i++) { int n = rle(tests[i], out); total += n; printf("'%s' -> '%s' (%d)\n", tests[i], out, n); }
  return total;
}
