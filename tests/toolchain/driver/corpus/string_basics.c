#include <stdio.h>
#include <string.h>

int main(void) {
  char buf[64];
  strcpy(buf, "fork");
  strcat(buf, "lab");
  printf("%s len=%zu\n", buf, strlen(buf));
  printf("cmp=%d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("same", "same"));
  printf("strchr=%s strrchr=%s strstr=%s\n", strchr(buf, 'k'), strrchr("a/b/c", '/'), strstr(buf, "la"));
  char copy[8];
  memset(copy, 'x', sizeof copy);
  strncpy(copy, "hi", sizeof copy);
  printf("copy=%s tail=%d\n", copy, copy[7]);
  return (int)strlen(buf);
}
