#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int check(int v) { if (v > 3) { printf("too big: %d\n", v); exit(3); } return v; }
int main(void) { int s = 0; for (int i = 0; i < 10; i++) s += check(i); printf("never %d\n", s); return 0; }
