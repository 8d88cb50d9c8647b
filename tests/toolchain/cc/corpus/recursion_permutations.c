#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf[8];
int used[8], count;
void perm(const char *s, int n, int k) {
  if (k == n) { buf[n] = 0; if (++count % 7 == 0) printf("%s\n", buf); return; }
  for (int i = 0; i < n; i++) if (!used[i]) { used[i] = 1; buf[k] = s[i]; perm(s, n, k + 1); used[i] = 0; }
}
int main(void) { perm("abcde", 5, 0); printf("total %d\n", count); return 0; }
