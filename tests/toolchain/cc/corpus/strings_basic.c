#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void reverse(char *s) { for (int i = 0, j = strlen(s) - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; } }
int is_pal(const char *s) { int n = strlen(s); for (int i = 0; i < n / 2; i++) if (s[i] != s[n - 1 - i]) return 0; return 1; }
int main(void) {
  char buf[64] = "Operating";
  strcat(buf, " Systems");
  printf("%s (%d)\n", buf, (int)strlen(buf));
  reverse(buf);
  printf("%s\n", buf);
  const char *words[] = {"level", "fork", "racecar", "exec", "noon"};
  for (int i = 0; i < 5; i++) printf("%s %s\n", words[i], is_pal(words[i]) ? "yes" : "no");
  printf("%d %d %d\n", strcmp("abc", "abd") < 0, strncmp("abcx", "abcy", 3), strchr("hello", 'l') - "hello");
  return 0;
}
