#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>

int main(void) {
  char line[] = "  add 12, sub 7 ; mul 3,div 2  ";
  int acc = 0, count = 0;
  for (char *tok = strtok(line, ",;"); tok; tok = strtok(NULL, ",;")) {
    while (isspace((unsigned char)*tok)) tok++;
    char op[8] = {0};
    int i = 0;
    while (isalpha((unsigned char)*tok) && i < 7) op[i++] = (char)toupper((unsigned char)*tok++);
    int v = atoi(tok);
    if (!strcmp(op, "ADD")) acc += v;
    else if (!strcmp(op, "SUB")) acc -= v;
    else if (!strcmp(op, "MUL")) acc *= v;
    else if (!strcmp(op, "DIV")) acc /= v;
    printf("%s %d -> %d\n", op, v, acc);
    count++;
  }
  return acc + count;
}
