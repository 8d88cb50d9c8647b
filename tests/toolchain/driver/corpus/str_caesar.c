#include <stdio.h>
#include <ctype.h>

static void shift(char *s, int k) {
  for (; *s; s++) {
    if (isupper((unsigned char)*s)) *s = (char)('A' + (*s - 'A' + k + 26) % 26);
    else if (islower((unsigned char)*s)) *s = (char)('a' + (*s - 'a' + k + 26) % 26);
  }
}

int main(void) {
  char msg[] = "Copy On Write, Zebra!";
  shift(msg, 3);
  printf("%s\n", msg);
  shift(msg, -3);
  printf("%s\n", msg);
  shift(msg, 13);
  printf("%s\n", msg);
  return msg[0];
}
