#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int moves;
void hanoi(int n, char from, char to, char via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  moves++;
  if (n >= 4) printf("move disk %d %c->%c\n", n, from, to);
  hanoi(n - 1, via, to, from);
}
int main(void) { hanoi(6, 'A', 'C', 'B'); printf("moves %d\n", moves); return 0; }
