#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stddef.h>
struct a { char c; int i; };
struct b { char c; double d; short s; };
struct c { char x[3]; };
union u { char c; long l; int i[3]; };
int main(void) {
  printf("%d %d %d %d\n", (int)sizeof(struct a), (int)sizeof(struct b), (int)sizeof(struct c), (int)sizeof(union u));
  printf("%d %d %d\n", (int)_Alignof(struct a), (int)_Alignof(struct b), (int)_Alignof(union u));
  printf("%d %d\n", (int)offsetof(struct b, d), (int)offsetof(struct b, s));
  int arr[7];
  printf("%d %d %d\n", (int)sizeof arr, (int)(sizeof arr / sizeof arr[0]), (int)sizeof(&arr[0]));
  return 0;
}
