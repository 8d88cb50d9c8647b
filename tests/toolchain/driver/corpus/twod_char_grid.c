#include <stdio.h>

#define W 12
#define H 6

int main(void) {
  char g[H][W + 1];
  for (int y = 0; y < H; y++) {
    for (int x = 0; x < W; x++) g[y][x] = (x == 0 || y == 0 || x == W - 1 || y == H - 1) ? '#' : ((x + y) % 4 ? ' ' : '.');
    g[y][W] = 0;
  }
  int dots = 0;
  for (int y = 0; y < H; y++) { puts(g[y]); for (int x = 0; x < W; x++) dots += g[y][x] == '.'; }
  return dots;
}
