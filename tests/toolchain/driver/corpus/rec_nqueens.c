#include <stdio.h>

static int cols[10];

static int ok(int row, int col) {
  for (int r = 0; r < row; r++)
    if (cols[r] == col || cols[r] - col == r - row || cols[r] - col == row - r) return 0;
  return 1;
}
static int solve(int row, int n) {
  if (row == n) return 1;
  int total = 0;
  for (int c = 0; c < n; c++) if (ok(row, c)) { cols[row] = c; total += solve(row + 1, n); }
  return total;
}

int main(void) {
  for (int n = 1; n <= 8; n++) printf("%d-queens: %d\n", n, solve(0, n));
  return solve(0, 6);
}
