#include <stdio.h>
#include <string.h>

int main(void) {
  char buf[20] = "page";
  strncat(buf, "table-entry", 5);
  printf("%s %zu\n", buf, strlen(buf));
  printf("%d %d %d\n", strncmp("forklab", "forkbomb", 4), strncmp("abc", "abd", 3) < 0, strncmp("x", "x", 10));
  printf("%zu %zu\n", strnlen("abcdef", 3), strnlen("ab", 10));
  char *dup = strdup(buf);
  dup[0] = 'P';
  printf("%s %s\n", buf, dup);
  return (int)strlen(dup);
}
