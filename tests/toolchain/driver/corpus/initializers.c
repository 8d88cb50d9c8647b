#include <stdio.h>

struct cfg { const char *name; int level; int flags[3]; };
enum color { RED, GREEN = 5, BLUE };

static struct cfg table[] = {
  {"alpha", 1, {1, 2, 3}},
  {.name = "beta", .flags = {[2] = 9}},
  [3] = {"delta", 4},
};
static int grid[3][4] = {{1}, {2, 3}, [2][3] = 7};
static char msg[] = "init";
static const char *colors[] = {[BLUE] = "blue", [RED] = "red", [GREEN] = "green"};

int main(void) {
  for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
    printf("%s %d %d %d %d\n", table[i].name ? table[i].name : "(null)", table[i].level, table[i].flags[0], table[i].flags[1], table[i].flags[2]);
  int sum = 0;
  for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) sum += grid[i][j];
  printf("grid sum=%d msg=%s size=%zu\n", sum, msg, sizeof msg);
  printf("%s %s %s %d\n", colors[RED], colors[GREEN], colors[BLUE], BLUE);
  int local[5] = {1, 2};
  struct cfg c = {"local", .level = 3};
  return sum + local[4] + c.level + (int)(sizeof colors / sizeof colors[0]);
}
