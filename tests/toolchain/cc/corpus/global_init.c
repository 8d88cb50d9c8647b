#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct point { int x, y; };
struct point origin = {0, 0}, corners[] = {{1, 1}, {-1, 1}, [3] = {5, 5}};
const char *names[] = {"zero", "one", "two"};
int table[3][3] = {{1}, {0, 1}, {[2] = 1}};
char greeting[] = "hi there";
int *ptr = &table[1][1];
struct point *pc = &corners[3];
long offset = (char *)&corners[2] - (char *)corners;
int main(void) {
  printf("%d %d %d %d\n", corners[0].x, corners[1].x, corners[2].y, pc->y);
  for (int i = 0; i < 3; i++) printf("%s %d%d%d\n", names[i], table[i][0], table[i][1], table[i][2]);
  printf("%s %d %ld %d\n", greeting, *ptr, offset, (int)(sizeof corners / sizeof *corners));
  return 0;
}
