#include <stdio.h>

int main(void) {
  int a = 5, b = 3, c = 2;
  printf("%d %d %d %d\n", a + b * c, (a + b) * c, a - b - c, a / b * c);
  printf("%d %d %d %d\n", a << 1 + 1, a & b | c, a ^ b & c, a | b ^ c);
  printf("%d %d %d\n", a > b == c > 1, !a || b && c, a < b ? b < c ? 1 : 2 : 3);
  int x = 10;
  x += x -= 3;
  int y = (x = 4, x * 3);
  int z = a++ + ++b;
  printf("x=%d y=%d z=%d a=%d b=%d\n", x, y, z, a, b);
  int arr[3] = {1, 2, 3}, *p = arr;
  int v = *p++ + *++p;
  printf("v=%d *p=%d -~x=%d ~-x=%d\n", v, *p, -~x, ~-x);
  return (a + b + c + x + y + z) & 0xff;
}
