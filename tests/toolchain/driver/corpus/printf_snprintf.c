#include <stdio.h>
#include <string.h>

int main(void) {
  char buf[16];
  int n = snprintf(buf, sizeof buf, "%s-%d-%x", "lab", 2024, 48879);
  printf("n=%d buf=%s len=%zu\n", n, buf, strlen(buf));
  n = snprintf(buf, 6, "%d", 1234567890);
  printf("truncated n=%d buf=%s\n", n, buf);
  char big[64];
  sprintf(big, "%08.3f|%p", 0.0, (void *)0x1000);
  printf("%s\n", big);
  return n;
}
