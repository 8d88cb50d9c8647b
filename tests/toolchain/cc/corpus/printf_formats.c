#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42, 42);
  printf("[%x] [%X] [%#x] [%o] [%#o] [%u]\n", 255, 255, 255, 8, 8, 4000000000u);
  printf("[%ld] [%lu] [%lx] [%lld]\n", -9000000000L, 18000000000UL, 0xdeadbeefcafeUL, -1LL);
  printf("[%c] [%s] [%10s] [%-10s] [%.2s]\n", 'Z', "str", "right", "left", "trunc");
  printf("[%p] [%%] [%zu]\n", (void *)0x1234, sizeof(long));
  printf("[%*d] [%-*d] [%.3d]\n", 6, 7, 6, 7, 5);
  return 0;
}
