#include <stdio.h>
#include <string.h>

static void rev(char *s, int i, int j) { if (i >= j) return; char t = s[i]; s[i] = s[j]; s[j] = t; rev(s, i + 1, j - 1); }
static int count_char(const char *s, char c) { return *s ? (*s == c) + count_char(s + 1, c) : 0; }
static int sum_digits(unsigned long n) { return n ? (int)(n % 10) + sum_digits(n / 10) : 0; }

int main(void) {
  char s[] = "recursion is recursion";
  rev(s, 0, (int)strlen(s) - 1);
  printf("%s r=%d digits=%d\n", s, count_char(s, 'r'), sum_digits(9876543210UL));
  return sum_digits(99999);
}
