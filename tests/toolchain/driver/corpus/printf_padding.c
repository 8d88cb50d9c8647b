#include <stdio.h>

int main(void) {
  int vals[] = {0, 7, -7, 123456, -123456};
  for (int i = 0; i < 5; i++)
    printf("[%6d][%-6d][%06d][%+6d][% 6d][%.4d][%6.4d]\n", vals[i], vals[i], vals[i], vals[i], vals[i], vals[i], vals[i]);
  printf("[%#10x][%#-10x][%#010x][%10.6x]\n", 48879, 48879, 48879, 48879);
  printf("[%5c][%-5c][%3s][%-8.3s][%.0s]\n", 'a', 'b', "toolong", "abcdef", "gone");
  printf("[%lu][%ld][%lx]\n", 0UL - 1, -1L, 0UL - 1);
  return 0;
}
