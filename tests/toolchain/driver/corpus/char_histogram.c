#include <stdio.h>
#include <ctype.h>

int main(void) {
  const char *text = "Copy-on-write fork shares pages until someone writes to them.";
  int counts[26] = {0};
  int letters = 0;
  for (const char *p = text; *p; p++)
    if (isalpha((unsigned char)*p)) { counts[tolower((unsigned char)*p) - 'a']++; letters++; }
  int best = 0;
  for (int i = 0; i < 26; i++) {
    if (counts[i]) printf("%c:%d ", 'a' + i, counts[i]);
    if (counts[i] > counts[best]) best = i;
  }
  printf("\nletters=%d most=%c\n", letters, 'a' + best);
  return letters;
}
