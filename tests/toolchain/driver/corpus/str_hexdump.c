#include <stdio.h>

int main(void) {
  const unsigned char data[] = "RISC-V \x01\x02\xff ForkLab\n";
  int n = sizeof data - 1;
  for (int off = 0; off < n; off += 8) {
    printf("%04x: ", off);
    for (int i = 0; i < 8; i++) {
      if (off + i < n) printf("%02x ", data[off + i]);
      else printf("   ");
    }
    printf(" |");
    for (int i = 0; i < 8 && off + i < n; i++) putchar(data[off + i] >= 32 && data[off + i] < 127 ? data[off + i] : '.');
    printf("|\n");
  }
  return n;
}
