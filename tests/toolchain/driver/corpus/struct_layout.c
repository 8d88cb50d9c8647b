#include <stdio.h>
#include <stddef.h>

struct mixed { char c; int i; short s; long l; char tail[3]; };
struct nested { struct mixed m; char flag; double d; };
union u { int i; char bytes[4]; long l; };

int main(void) {
  printf("sizeof mixed=%zu nested=%zu union=%zu\n", sizeof(struct mixed), sizeof(struct nested), sizeof(union u));
  printf("offsets c=%zu i=%zu s=%zu l=%zu tail=%zu\n", offsetof(struct mixed, c), offsetof(struct mixed, i),
         offsetof(struct mixed, s), offsetof(struct mixed, l), offsetof(struct mixed, tail));
  printf("nested flag=%zu d=%zu\n", offsetof(struct nested, flag), offsetof(struct nested, d));
  union u x;
  x.l = 0;
  x.i = 0x11223344;
  printf("bytes %x %x %x %x\n", x.bytes[0], x.bytes[1], x.bytes[2], x.bytes[3]);
  return (int)sizeof(struct nested);
}
