#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cols[12], n, solutions;
int ok(int r, int c) { for (int i = 0; i < r; i++) if (cols[i] == c || abs(cols[i] - c) == r - i) return 0; return 1; }
void solve(int r) { if (r == n) { solutions++; return; } for (int c = 0; c < n; c++) if (ok(r, c)) { cols[r] = c; solve(r + 1); } }
int main(void) { for (n = 1; n <= 8; n++) { solutions = 0; solve(0); printf("%d queens: %d\n", n, solutions); } return 0; }
