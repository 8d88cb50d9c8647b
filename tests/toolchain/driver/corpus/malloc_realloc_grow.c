#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  int cap = 2, len = 0;
  int *v = malloc(cap * sizeof *v);
  for (int i = 0; i < 100; i++) {
    if (len == cap) { cap *= 2; v = realloc(v, cap * sizeof *v); }
    v[len++] = i * i;
  }
  long s = 0;
  for (int i = 0; i < len; i++) s += v[i];
  char *str = strdup("duplicate me");
  str[0] = 'D';
  int *zeros = calloc(50, sizeof(int));
  int z = 0;
  for (int i = 0; i < 50; i++) z += zeros[i];
  printf("cap=%d sum=%ld str=%s zeros=%d\n", cap, s, str, z);
  free(v); free(str); free(zeros);
  return (int)(s % 256);
}
