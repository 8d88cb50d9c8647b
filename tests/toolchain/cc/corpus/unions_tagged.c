#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { INT, STR, PAIR };
struct value { enum kind k; union { long i; const char *s; struct { short a, b; } pair; } u; };
void show(struct value v) {
  switch (v.k) {
  case INT: printf("int %ld\n", v.u.i); break;
  case STR: printf("str %s\n", v.u.s); break;
  case PAIR: printf("pair %d,%d\n", v.u.pair.a, v.u.pair.b); break;
  }
}
int main(void) {
  struct value vs[] = { {INT, {.i = 42}}, {STR, {.s = "hello"}}, {PAIR, {.pair = {3, -4}}} };
  for (unsigned i = 0; i < sizeof vs / sizeof vs[0]; i++) show(vs[i]);
  union { unsigned u; unsigned char b[4]; } w = {0x11223344};
  printf("%x %x %x %x\n", w.b[0], w.b[1], w.b[2], w.b[3]);
  return 0;
}
