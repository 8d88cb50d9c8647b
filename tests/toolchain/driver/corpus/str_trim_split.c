#include <stdio.h>
#include <string.h>
#include <ctype.h>

static char *trim(char *s) {
  while (isspace((unsigned char)*s)) s++;
  char *e = s + strlen(s);
  while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
  return s;
}

int main(void) {
  char line[] = "  name = forklab ;  mode=  cow  ;debug=1  ";
  int fields = 0;
  char *rest = line;
  while (rest && *rest) {
    char *semi = strchr(rest, ';');
    if (semi) *semi = 0;
    char *eq = strchr(rest, '=');
    if (eq) {
      *eq = 0;
      printf("[%s] = [%s]\n", trim(rest), trim(eq + 1));
      fields++;
    }
    rest = semi ? semi + 1 : NULL;
  }
  printf("spn=%zu cspn=%zu\n", strspn("aaabbc", "ab"), strcspn("hello, world", ",;"));
  return fields;
}
