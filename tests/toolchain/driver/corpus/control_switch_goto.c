#include <stdio.h>

static const char *classify(int c) {
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u':
    return "vowel";
  case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
    return "digit";
  case ' ':
    return "space";
  default:
    return "other";
  }
}

int main(void) {
  const char *s = "fork 42 io";
  int vowels = 0;
  for (const char *p = s; *p; p++) {
    const char *k = classify(*p);
    if (k[0] == 'v') vowels++;
    printf("%c:%s ", *p, k);
  }
  printf("\n");
  int i = 0;
again:
  i += 3;
  if (i < 20) goto again;
  int fall = 0;
  switch (i) {
  case 21: fall += 1; /* fall through */
  case 22: fall += 10; break;
  case 23: fall += 100;
  }
  printf("i=%d fall=%d\n", i, fall);
  return vowels * 10 + fall;
}
