#include <stdio.h>

#define N 5

int main(void) {
  long a[N][N], b[N][N], c[N][N];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) { a[i][j] = i + j; b[i][j] = i == j ? 2 : (i - j); c[i][j] = 0; }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      for (int k = 0; k < N; k++) c[i][j] += a[i][k] * b[k][j];
  long trace = 0;
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) printf("%5ld", c[i][j]);
    printf("\n");
    trace += c[i][i];
  }
  printf("trace=%ld\n", trace);
  return (int)(trace & 0xff);
}
