#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum state { IDLE, NUMBER, WORD };
int main(void) {
  const char *in = "12 apples and 7 pears, 300 plums!";
  enum state st = IDLE;
  int nums = 0, words = 0, value = 0, total = 0;
  for (const char *p = in; ; p++) {
    char c = *p;
    switch (st) {
    case IDLE:
      if (c >= '0' && c <= '9') { st = NUMBER; value = c - '0'; }
      else if ((c | 32) >= 'a' && (c | 32) <= 'z') st = WORD;
      break;
    case NUMBER:
      if (c >= '0' && c <= '9') { value = value * 10 + c - '0'; break; }
      nums++; total += value; st = IDLE;
      break;
    case WORD:
      if (!((c | 32) >= 'a' && (c | 32) <= 'z')) { words++; st = IDLE; }
      break;
    }
    if (!c) break;
  }
  printf("numbers %d (sum %d), words %d\n", nums, total, words);
  return 0;
}
