#include <stdio.h>

int main(void) {
  int found_i = -1, found_j = -1;
  for (int i = 1; i < 20 && found_i < 0; i++)
    for (int j = i; j < 20; j++)
      if (i * i + j * j == 13 * 13) { found_i = i; found_j = j; break; }
  printf("%d^2 + %d^2 = 169\n", found_i, found_j);
  int total = 0;
  for (int i = 0; i < 5; i++) {
    switch (i % 3) {
    case 0: continue;
    case 1: total += 10; break;
    default: total += 100;
    }
    total++;
  }
  printf("total=%d\n", total);
  return total;
}
