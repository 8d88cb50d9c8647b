#include "test.h"

int sum_to(int n) { int s = 0; for (int i = 1; i <= n; i++) s += i; return s; }

int classify(int x) {
  switch (x) {
  case 0: return 10;
  case 1:
  case 2: return 20;
  case 3: x += 100;
  case 4: return x;
  case 10 ... 15: return 99;
  default: return -1;
  }
}

int switch_no_default(unsigned x) {
  int r = 5;
  switch (x) { case 0xffffffffu: r = 1; break; case 7: r = 2; }
  return r;
}

int with_goto(int n) {
  int i = 0;
again:
  i++;
  if (i < n) goto again;
  return i;
}

int main() {
  ASSERT(3, ({ int x; if (0) x=2; else x=3; x; }));
  ASSERT(3, ({ int x; if (1-1) x=2; else x=3; x; }));
  ASSERT(2, ({ int x; if (1) x=2; else x=3; x; }));
  ASSERT(2, ({ int x; if (2-1) x=2; else x=3; x; }));
  ASSERT(55, ({ int i=0; int j=0; for (i=0; i<=10; i=i+1) j=i+j; j; }));
  ASSERT(10, ({ int i=0; while(i<10) i=i+1; i; }));
  ASSERT(3, ({ 1; {2;} 3; }));
  ASSERT(5, ({ ;;; 5; }));
  ASSERT(10, ({ int i=0; while(i<10) i=i+1; i; }));
  ASSERT(55, ({ int i=0; int j=0; while(i<=10) {j=i+j; i=i+1;} j; }));
  ASSERT(3, ({ int i=0; for(;i<10;i++) { if (i == 3) break; } i; }));
  ASSERT(4, ({ int i=0; while (1) { if (i++ == 3) break; } i; }));
  ASSERT(3, ({ int i=0; for(;i<10;i++) { for (;;) break; if (i == 3) break; } i; }));
  ASSERT(10, ({ int i=0; int j=0; for (;i<10;i++) { if (i>5) continue; j++; } i; }));
  ASSERT(6, ({ int i=0; int j=0; for (;i<10;i++) { if (i>5) continue; j++; } j; }));
  ASSERT(11, ({ int i=0; int j=0; while (i++<10) { if (i>5) continue; j++; } i; }));
  ASSERT(7, ({ int i=0; int j=0; do { j++; } while (i++ < 6); j; }));
  ASSERT(4, ({ int i=0; int j=0; int k=0; do { if (++j > 3) break; continue; k++; } while (1); j; }));
  ASSERT(3, ({ int i=0; goto a; a: i++; b: i++; c: i++; i; }));
  ASSERT(2, ({ int i=0; goto e; d: i++; e: i++; f: i++; i; }));
  ASSERT(1, ({ int i=0; goto i; g: i++; h: i++; i: i++; i; }));
  ASSERT(5, with_goto(5));
  ASSERT(5050, sum_to(100));
  ASSERT(10, classify(0));
  ASSERT(20, classify(1));
  ASSERT(20, classify(2));
  ASSERT(103, classify(3));
  ASSERT(4, classify(4));
  ASSERT(99, classify(12));
  ASSERT(-1, classify(16));
  ASSERT(-1, classify(-5));
  ASSERT(1, switch_no_default(0xffffffffu));
  ASSERT(2, switch_no_default(7));
  ASSERT(5, switch_no_default(8));
  ASSERT(6, ({ int i=0; switch(3) { case 5-2+0: i=6; break; } i; }));
  ASSERT(0, ({ int i=0; switch(0) { case 1: i=5; } i; }));
  ASSERT(8, ({ int i=0; switch(7) { case 1: i=5; break; default: i=8; } i; }));
  ASSERT(3, ({ int i=0; switch(-1) { case 0xffffffff: i=3; break; } i; }));
  ASSERT(18, ({ int s=0; for (int i=0;i<3;i++) for (int j=0;j<7;j++) { if (j==5) continue; s++; } s; }));
  ASSERT(1, ({ int x = 0; for (int x = 5; x < 6; x++) ; x == 0; }));
  ASSERT(1, ({ unsigned u = 0xffffffffu; int r = 0; if (u > 5) r = 1; r; }));
  ASSERT(0, ({ int i = -1; int r = 0; if (i > 5u) r = 0; else r = 0; if (i > 5) r = 2; r; }));
  ASSERT(1, ({ int i = -1; int r = 0; if (i > 5u) r = 1; r; }));
  ASSERT(3, ({ long a = -5; unsigned long b = 3; int r = 0; if (a < 0) r += 1; if ((unsigned long)a > b) r += 2; r; }));
  ASSERT(4, ({ char *p = "abcd"; char *q = p; while (*q != 0) q++; (int)(q - p); }));
  ASSERT(5, ({ int n = 0; unsigned i = 10; do n++; while (--i >= 6u); n; }));
  ASSERT(2, ({ int n = 0; for (signed char c = -3; c <= -2; c++) n++; n; }));
  ASSERT(1, ({ unsigned char c = 200; int r = 0; if (c > 100) r = 1; r; }));
  ASSERT(7, ({ int a[3] = {1, 2, 3}; int *p = a, *e = a + 3; int s = 1; while (p < e) s += *p++; s; }));
  ASSERT(1, ({ short x = -1; unsigned short y = 65535; x != y; }));
  return ok();
}
