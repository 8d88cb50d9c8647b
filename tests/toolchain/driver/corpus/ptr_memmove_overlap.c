#include <stdio.h>
#include <string.h>

int main(void) {
  char s[32] = "abcdefghij";
  memmove(s + 2, s, 8);
  printf("%s\n", s);
  char t[32] = "abcdefghij";
  memmove(t, t + 3, 8);
  printf("%s\n", t);
  int v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  memmove(v + 1, v, 7 * sizeof(int));
  for (int i = 0; i < 8; i++) printf("%d ", v[i]);
  printf("\nmemcmp=%d memchr=%s\n", memcmp("abc", "abd", 3) < 0, (char *)memchr("forklab", 'l', 7));
  return v[7];
}
