#include <stdio.h>

#define N 4

static void transpose(int m[N][N]) {
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < N; j++) {
      int t = m[i][j];
      m[i][j] = m[j][i];
      m[j][i] = t;
    }
}

int main(void) {
  int m[N][N];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) m[i][j] = i * N + j;
  transpose(m);
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) printf("%3d", m[i][j]);
    printf("\n");
  }
  int (*row)[N] = m + 2;
  printf("row[1][3]=%d sizeof m=%zu sizeof *row=%zu\n", row[1][3], sizeof m, sizeof *row);
  return m[3][0];
}
