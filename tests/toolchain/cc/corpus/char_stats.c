#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ctype.h>
int main(void) {
  const char *text = "The quick brown fox jumps over the lazy dog 42 times!";
  int counts[26] = {0}, digits = 0, spaces = 0, punct = 0;
  for (const char *p = text; *p; p++) {
    if (isalpha(*p)) counts[tolower(*p) - 'a']++;
    else if (isdigit(*p)) digits++;
    else if (isspace(*p)) spaces++;
    else punct++;
  }
  for (int i = 0; i < 26; i++) if (counts[i] > 1) printf("%c:%d ", 'a' + i, counts[i]);
  printf("\ndigits %d spaces %d punct %d\n", digits, spaces, punct);
  return 0;
}
