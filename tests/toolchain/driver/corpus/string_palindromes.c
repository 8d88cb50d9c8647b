#include <stdio.h>
#include <string.h>
#include <ctype.h>

static int palindrome(const char *s) {
  const char *e = s + strlen(s);
  while (s < e) {
    if (!isalnum((unsigned char)*s)) { s++; continue; }
    if (!isalnum((unsigned char)e[-1])) { e--; continue; }
    if (tolower((unsigned char)*s) != tolower((unsigned char)e[-1])) return 0;
    s++, e--;
  }
  return 1;
}

int main(void) {
  const char *cases[] = {"A man, a plan, a canal: Panama", "fork", "No 'x' in Nixon", "", "ab"};
  int n = 0;
  for (int i = 0; i < 5; i++) {
    int p = palindrome(cases[i]);
    n += p;
    printf("\"%s\" -> %s\n", cases[i], p ? "yes" : "no");
  }
  return n;
}
