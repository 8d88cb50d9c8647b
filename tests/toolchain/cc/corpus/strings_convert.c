#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ctype.h>
int main(void) {
  const char *nums[] = {"42", "-17", "0x1f", "  99abc", "077"};
  for (int i = 0; i < 5; i++) { char *end; long v = strtol(nums[i], &end, 0); printf("%s -> %ld rest '%s'\n", nums[i], v, end); }
  char s[] = "Hello, World 123";
  for (char *p = s; *p; p++) *p = isupper(*p) ? tolower(*p) : toupper(*p);
  printf("%s %d\n", s, atoi("31337"));
  return 0;
}
