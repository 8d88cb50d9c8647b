#include <stdio.h>
#include <string.h>

static const char *longest(const char **v, int n) {
  const char *best = v[0];
  for (const char **p = v + 1; p < v + n; p++) if (strlen(*p) > strlen(best)) best = *p;
  return best;
}

int main(void) {
  const char *words[] = {"sv39", "pagetable", "vma", "copy-on-write", "fork"};
  char **argvish;
  char *mutable[3];
  char a[] = "one", b[] = "two", c[] = "three";
  mutable[0] = a; mutable[1] = b; mutable[2] = c;
  argvish = mutable;
  argvish[1][0] = 'T';
  printf("%s %s %s | longest=%s\n", argvish[0], argvish[1], *(argvish + 2), longest(words, 5));
  return (int)strlen(longest(words, 5));
}
