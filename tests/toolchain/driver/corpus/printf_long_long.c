#include <stdio.h>
#include <limits.h>

int main(void) {
  printf("%d %d\n", INT_MAX, INT_MIN);
  printf("%ld %ld\n", LONG_MAX, LONG_MIN);
  printf("%lld %llu\n", LLONG_MIN, ULLONG_MAX);
  printf("%u %x %o\n", UINT_MAX, UINT_MAX, UINT_MAX);
  printf("%hhu %hhd %hu %hd\n", 300, 200, 70000, 40000);
  printf("%d %d %d %d\n", CHAR_BIT, SCHAR_MAX, SHRT_MIN, UCHAR_MAX);
  return CHAR_BIT;
}
