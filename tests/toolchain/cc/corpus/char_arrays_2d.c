#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char grid[5][6] = {"#...#", ".#.#.", "..#..", ".#.#.", "#...#"};
int main(void) {
  int n = 0;
  for (int r = 0; r < 5; r++) for (int c = 0; c < 5; c++) n += grid[r][c] == '#';
  grid[2][2] = '@';
  for (int r = 0; r < 5; r++) puts(grid[r]);
  printf("%d\n", n);
  return 0;
}
