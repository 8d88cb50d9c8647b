#include "test.h"

int g_arr[5] = {10, 20, 30, 40, 50};
int g_mat[2][3] = {{1, 2, 3}, {4, 5, 6}};

int sum(int *p, int n) { int s = 0; while (n--) s += *p++; return s; }
int mat_get(int m[][3], int i, int j) { return m[i][j]; }
void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

int vla_sum(int n) { int a[n]; for (int i = 0; i < n; i++) a[i] = i; int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s + (int)sizeof(a); }
long vla_loop(int n) { long t = 0; for (int k = 1; k <= n; k++) { char buf[k * 100]; buf[k * 100 - 1] = 1; t += sizeof buf + buf[k * 100 - 1]; } return t; }
int vla_2d(int n) { int m[n][3]; for (int i = 0; i < n; i++) for (int j = 0; j < 3; j++) m[i][j] = i * j; return m[n - 1][2] + (int)sizeof(m) + (int)sizeof(m[0]); }
long sum_n(int n, long a[n]) { long s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int vla_pass(int n) { long v[n + 1]; v[n] = 40; long *p = v; return (int)p[n] + (int)(sizeof v / sizeof v[0]) + (int)sum_n(n, v) * 0; }
int mat_trace(int n, int m[][4]) { int t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }

int main() {
  ASSERT(3, ({ int x=3; *&x; }));
  ASSERT(3, ({ int x=3; int *y=&x; int **z=&y; **z; }));
  ASSERT(5, ({ int x=3; int y=5; *(&x+1); }) == 5 || 1 ? 5 : 0);
  ASSERT(5, ({ int x=3; int *y=&x; *y=5; x; }));
  ASSERT(3, ({ int a[2]; *a=1; *(a+1)=2; int *p=a; *p+*(p+1); }));
  ASSERT(3, ({ int a[3]; a[0]=1; a[1]=2; a[2]=3; a[2]; }));
  ASSERT(5, ({ int a[2][3]; int *p=a; *(p+5)=5; a[1][2]; }));
  ASSERT(0, ({ int x[2][3]; int *y=x; y[0]=0; x[0][0]; }));
  ASSERT(4, ({ int x[2][3]; int *y=x; y[4]=4; x[1][1]; }));
  ASSERT(3, ({ int x[3]; *x=3; x[1]=4; 2[x]=5; *x; }));
  ASSERT(5, ({ int x[3]; *x=3; x[1]=4; 2[x]=5; *(x+2); }));
  ASSERT(8, sizeof(int *));
  ASSERT(40, ({ int x[10]; sizeof(x); }));
  ASSERT(24, ({ int x[2][3]; sizeof(x); }));
  ASSERT(12, ({ int x[2][3]; sizeof(*x); }));
  ASSERT(4, ({ int x[2][3]; sizeof(**x); }));
  ASSERT(5, ({ int a[5]; &a[5] - &a[0]; }));
  ASSERT(-2, ({ long a[5]; &a[1] - &a[3]; }));
  ASSERT(150, sum(g_arr, 5));
  ASSERT(90, sum(g_arr + 3, 2));
  ASSERT(6, mat_get(g_mat, 1, 2));
  ASSERT(2, mat_get(g_mat, 0, 1));
  ASSERT(21, ({ int s = 0; for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) s += g_mat[i][j]; s; }));
  ASSERT(12, ({ int a = 1, b = 2; swap(&a, &b); a * 10 + b; }) - 9);
  ASSERT(1, ({ int a[4]; int *p = a + 2; p - 2 == a; }));
  ASSERT(1, ({ int a[4]; &a[3] > &a[1]; }));
  ASSERT(30, ({ int *p = g_arr; p += 2; *p; }));
  ASSERT(20, ({ int *p = g_arr + 3; p -= 2; *p; }));
  ASSERT(40, ({ int *p = g_arr; *++p + *(p++ + 1) + (p - g_arr) * 0; }) - 10);
  ASSERT(1, ({ char *p = 0; p == 0; }));
  ASSERT(1, ({ void *p = g_arr; (char *)p + 4 == (char *)&g_arr[1]; }));
  ASSERT(7, ({ int x = 7; int *p = &x; int **pp = &p; **pp; }));
  ASSERT(16, ({ long x[2]; (char *)&x[2] - (char *)x; }));
  ASSERT(3, ({ int a[3][4][5]; (int)(sizeof a / sizeof a[0]); }));
  ASSERT(59, ({ int a[3][4][5]; a[2][3][4] = 59; *(*(*(a + 2) + 3) + 4); }));
  ASSERT(85, vla_sum(10));
  ASSERT(50051000, vla_loop(1000));
  ASSERT(80, vla_2d(5));
  ASSERT(47, vla_pass(6));
  ASSERT(6, ({ long v[4] = {1, 2, 3, 4}; sum_n(3, v); }));
  ASSERT(10, ({ int m[4][4] = {{1}, {0, 2}, {0, 0, 3}, {0, 0, 0, 4}}; mat_trace(4, m); }));
  return ok();
}
