#include <stdio.h>
#include <stdlib.h>

int main(void) {
  const char *inputs[] = {"42", "-17", "0x1F", "0755", "  +9abc", "zz", "2147483648"};
  for (int i = 0; i < 7; i++) {
    char *end;
    long v = strtol(inputs[i], &end, 0);
    printf("'%s' -> %ld rest='%s'\n", inputs[i], v, end);
  }
  unsigned long u = strtoul("ffffffff", NULL, 16);
  printf("%lu %d %ld\n", u, atoi("123xyz"), atol("-99"));
  return (int)(strtol("101", NULL, 2));
}
