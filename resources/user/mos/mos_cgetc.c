/*
 * mos_cgetc -- console input through MOS's syscall_cgetc: prints a "$ "
 * prompt, reads one non-empty line a byte at a time (cgetc waits for each),
 * echoes it with syscall_putchar and prints what it read. Type a line.
 */
#include <lib.h>

int main(void) {
  char line[64];
  int n = 0, c;
  debugf("type a line for cgetc\n$ ");
  for (;;) {
    c = syscall_cgetc();
    if (c == '\r' || c == '\n') {
      if (n > 0)
        break;
      continue; /* skip empty lines */
    }
    if (n < (int)sizeof line - 1) {
      line[n++] = (char)c;
      syscall_putchar(c);
    }
  }
  line[n] = 0;
  debugf("\ncgetc read \"%s\" (%d bytes)\n", line, n);
  debugf("%s mos_cgetc\n", n > 0 ? "PASS" : "FAIL");
  return n > 0 ? 0 : 1;
}
