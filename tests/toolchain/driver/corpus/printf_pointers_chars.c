#include <stdio.h>

int main(void) {
  printf("%p %p\n", (void *)0x10000, (void *)0xdeadbeef);
  for (int c = 'A'; c < 'A' + 26; c += 5) printf("%c=%d=%#o=%#x ", c, c, c, c);
  printf("\n%d%%%s%c\n", 100, " done", '!');
  int written = printf("%s", "");
  printf("empty printf wrote %d\n", written);
  putchar('x');
  putchar('\n');
  puts("puts adds a newline");
  return written;
}
