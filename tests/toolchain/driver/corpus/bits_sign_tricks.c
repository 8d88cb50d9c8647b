#include <stdio.h>

static int sign_extend(unsigned v, int bits) { int shift = 32 - bits; return (int)(v << shift) >> shift; }
static int abs_nobranch(int x) { int m = x >> 31; return (x + m) ^ m; }
static int min_nobranch(int a, int b) { return b ^ ((a ^ b) & -(a < b)); }

int main(void) {
  printf("%d %d %d %d\n", sign_extend(0xfff, 12), sign_extend(0x7ff, 12), sign_extend(0x800, 12), sign_extend(0x80, 8));
  printf("%d %d %d\n", abs_nobranch(-42), abs_nobranch(42), abs_nobranch(0));
  printf("%d %d\n", min_nobranch(3, -9), min_nobranch(-1, 5));
  int a = 5, b = 9;
  a ^= b; b ^= a; a ^= b;
  printf("swapped %d %d\n", a, b);
  long imm = (long)(int)0xfffff800;
  printf("imm12=%ld\n", imm);
  return a;
}
