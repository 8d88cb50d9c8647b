#include <stdio.h>
#include <string.h>

static void reverse(char *s, int n) {
  for (int i = 0, j = n - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }
}

int main(void) {
  char text[] = "the quick brown fox jumps over the lazy dog";
  int n = (int)strlen(text);
  reverse(text, n);
  int start = 0;
  for (int i = 0; i <= n; i++) {
    if (text[i] == ' ' || text[i] == '\0') { reverse(text + start, i - start); start = i + 1; }
  }
  printf("%s\n", text);
  return text[0];
}
