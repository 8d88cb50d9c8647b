#include <stdio.h>

static const int set[] = {3, 5, 7, 11};
static int subsets_with_sum;

static void walk(int i, int sum, unsigned mask) {
  if (i == 4) {
    if (sum == 15 || sum == 18) { printf("mask %x sum %d\n", mask, sum); subsets_with_sum++; }
    return;
  }
  walk(i + 1, sum, mask);
  walk(i + 1, sum + set[i], mask | 1u << i);
}

int main(void) {
  walk(0, 0, 0);
  return subsets_with_sum;
}
