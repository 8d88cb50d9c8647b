#include "test.h"

typedef int MyInt, MyInt2[4];
typedef struct { int a; char b; } Rec;
enum Color { RED, GREEN = 5, BLUE, };
enum { K1 = -3, K2 };

char c_of(int x) { return x; }
short s_of(int x) { return x; }
unsigned char uc_of(int x) { return x; }
long l_of(int x) { return x; }
unsigned u_of(long x) { return x; }
_Bool b_of(long x) { return x; }

int main() {
  ASSERT(1, sizeof(char));
  ASSERT(2, sizeof(short));
  ASSERT(2, sizeof(short int));
  ASSERT(2, sizeof(int short));
  ASSERT(4, sizeof(int));
  ASSERT(8, sizeof(long));
  ASSERT(8, sizeof(long int));
  ASSERT(8, sizeof(long long));
  ASSERT(8, sizeof(unsigned long long int));
  ASSERT(1, sizeof(_Bool));
  ASSERT(4, sizeof(enum Color));
  ASSERT(16, sizeof(MyInt2));
  ASSERT(8, sizeof(Rec));
  ASSERT(0, RED);
  ASSERT(5, GREEN);
  ASSERT(6, BLUE);
  ASSERT(-2, K2);
  ASSERT(3, ({ MyInt x = 3; x; }));
  ASSERT(1, ({ char x = 1; x; }));
  ASSERT(-1, ({ signed char x = -1; x; }));
  ASSERT(255, ({ char x = -1; x; }));
  ASSERT(-1, ({ short x = -1; x; }));
  ASSERT(65535, ({ unsigned short x = -1; x; }));
  ASSERT(1, ({ long x = 1; x; }));
  ASSERT(4, sizeof(0));
  ASSERT(8, sizeof(0L));
  ASSERT(8, sizeof(0LU));
  ASSERT(8, sizeof(0UL));
  ASSERT(8, sizeof(0LL));
  ASSERT(4, sizeof(0U));
  ASSERT(8, sizeof(2147483648));
  ASSERT(4, sizeof(0x7fffffff));
  ASSERT(4, sizeof(0xffffffff));
  ASSERT(8, sizeof(0x100000000));
  ASSERT(-1, 0xffffffffffffffff);
  ASSERT(1, 0xffffffff > 0);
  ASSERT(1, 2147483648 > 0);
  ASSERT(4, sizeof('a'));
  ASSERT(97, 'a');
  ASSERT(10, '\n');
  ASSERT(255, '\xff');
  ASSERT(4, sizeof((char)1 + (char)1));
  ASSERT(8, sizeof(1 + 1L));
  ASSERT(8, sizeof(1U + 1L));
  ASSERT(1, sizeof((char)1));
  ASSERT(3, c_of(259));
  ASSERT(-1, s_of(65535));
  ASSERT(200, uc_of(200));
  ASSERT(-5, l_of(-5));
  ASSERT(1, u_of(-1) == 4294967295U);
  ASSERT(1, b_of(256));
  ASSERT(0, b_of(0));
  ASSERT(1, ({ _Bool b = 2; b; }));
  ASSERT(2, ({ _Bool b = 1; b + 1; }));
  ASSERT(0, ({ unsigned char c = 255; c += 1; c; }));
  ASSERT(-128, ({ signed char c = 127; c++; c; }));
  ASSERT(131072, ({ int x = 65536; short s = x; x * 2 + s; }));
  ASSERT(1, ({ unsigned x = 3; int y = -1; x < y; }));
  ASSERT(0, ({ long x = 3; int y = -1; x < y; }));
  ASSERT(1, ({ unsigned long x = 3; int y = -1; x < y; }));
  ASSERT(-1, ({ int x = -1; (long)x; }));
  ASSERT(4294967295, ({ unsigned x = -1; (long)x; }));
  ASSERT(4294967295, ({ unsigned x = -1; (unsigned long)x; }));
  ASSERT(-1, ({ unsigned x = -1; (int)x; }));
  ASSERT(2147483647, ({ unsigned x = -1; x >> 1; }));
  ASSERT(-1, ({ int x = -1; x >> 1; }));
  ASSERT(1, ({ unsigned x = 0x80000000; (x << 1) == 0; }));
  ASSERT(0, ({ unsigned x = 10; unsigned y = 20; (x - y) < 5; }));
  ASSERT(429496729, ({ unsigned x = -1; x / 10; }));
  ASSERT(5, ({ unsigned x = -1; x % 10; }));
  ASSERT(1844674407370955161, ({ unsigned long x = -1; x / 10; }));
  ASSERT(3, ({ const int x = 3; x; }));
  ASSERT(8, ({ int * const volatile p = 0; sizeof p; }));
  ASSERT(4, _Alignof(int));
  ASSERT(8, _Alignof(long));
  ASSERT(1, _Alignof(char));
  ASSERT(4, _Alignof(Rec));
  ASSERT(16, ({ _Alignas(16) char buf[3]; (long)buf % 16 + 16; }));
  ASSERT(8, ({ typeof(1L) v = 0; sizeof v; }));
  ASSERT(-56, ({ unsigned char u = 200; (signed char)u; }));
  ASSERT(200, ({ signed char c = -56; (unsigned char)c; }));
  ASSERT(65436, ({ short v = -100; (unsigned short)v; }));
  ASSERT(-100, ({ unsigned short v = 65436; (short)v; }));
  ASSERT(4294967196, ({ unsigned u = -100; (long)u; }));
  ASSERT(-100, ({ int i = -100; (long)i; }));
  ASSERT(-100, ({ unsigned u = -100; (int)u; }));
  ASSERT(200, ({ unsigned char u = 200; (long)u; }));
  ASSERT(-56, ({ signed char c = -56; (unsigned long)c == (unsigned long)-56 ? -56 : 0; }));
  ASSERT(97, "abc"[0]);
  ASSERT(4, sizeof("abc"));
  return ok();
}
