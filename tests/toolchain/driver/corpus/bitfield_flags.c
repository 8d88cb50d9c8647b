#include <stdio.h>

enum { F_READ = 1 << 0, F_WRITE = 1 << 1, F_EXEC = 1 << 2, F_COW = 1 << 3 };

static void show(unsigned flags) {
  printf("%c%c%c%s\n", flags & F_READ ? 'r' : '-', flags & F_WRITE ? 'w' : '-', flags & F_EXEC ? 'x' : '-', flags & F_COW ? " cow" : "");
}

int main(void) {
  unsigned f = F_READ | F_WRITE;
  show(f);
  f |= F_COW;
  f &= ~F_WRITE;
  show(f);
  f ^= F_EXEC | F_READ;
  show(f);
  return (int)f;
}
