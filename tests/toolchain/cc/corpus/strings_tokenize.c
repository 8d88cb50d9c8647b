#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char line[] = "ls -l /home  |grep  .c |wc";
  char *save = line;
  int n = 0;
  for (char *tok = strtok(save, " |"); tok; tok = strtok(0, " |")) printf("[%d] %s\n", n++, tok);
  char *dup = strdup("copy me");
  dup[0] = 'C';
  printf("%s %s\n", dup, strstr(dup, "me"));
  free(dup);
  return 0;
}
