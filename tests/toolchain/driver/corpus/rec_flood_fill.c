#include <stdio.h>

static char grid[6][10] = {
  "#########",
  "#...#...#",
  "#.#.#.#.#",
  "#.#...#.#",
  "#...#...#",
  "#########",
};

static int fill(int r, int c) {
  if (r < 0 || r >= 6 || c < 0 || c >= 9 || grid[r][c] != '.') return 0;
  grid[r][c] = 'o';
  return 1 + fill(r + 1, c) + fill(r - 1, c) + fill(r, c + 1) + fill(r, c - 1);
}

int main(void) {
  int n = fill(1, 1);
  for (int r = 0; r < 6; r++) printf("%s\n", grid[r]);
  printf("filled %d\n", n);
  return n;
}
