#include <stdio.h>
#include <ctype.h>

int main(void) {
  const char *text = "  The lab kernel forks,\tmaps pages\nand  counts words.  ";
  int words = 0, in_word = 0, lines = 0, chars = 0, longest = 0, cur = 0;
  for (const char *p = text; *p; p++) {
    chars++;
    if (*p == '\n') lines++;
    if (isspace((unsigned char)*p)) { if (cur > longest) longest = cur; in_word = 0; cur = 0; }
    else { if (!in_word) words++; in_word = 1; cur++; }
  }
  printf("words=%d lines=%d chars=%d longest=%d\n", words, lines, chars, longest);
  return words;
}
