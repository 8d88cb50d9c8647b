#include <stdio.h>

int main(void) {
  printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42, 42);
  printf("[%u] [%x] [%X] [%#x] [%o] [%#o]\n", 3000000000u, 255, 255, 255, 8, 8);
  printf("[%ld] [%lu] [%lld] [%llx]\n", -1234567890123L, 18446744073709551615UL, -9223372036854775807LL - 1, 0xdeadbeefcafeULL);
  printf("[%hhd] [%hd] [%hu] [%zu] [%td]\n", (signed char)-1, (short)-300, (unsigned short)65535, sizeof(long), (long)-5);
  printf("[%.3d] [%8.3d] [%-8.3d|] [%*d] [%-*d|]\n", 7, 7, 7, 6, 9, 6, 9);
  printf("[%c%c%c] [%%] [%s] [%.2s] [%5s] [%-5s|]\n", 'o', 'k', '!', "str", "abc", "ab", "ab");
  int n = printf("count me\n");
  return n;
}
