#include <stdio.h>

int main(void) {
  fprintf(stdout, "to stdout %d\n", 1);
  fputs("fputs line\n", stdout);
  fputc('c', stdout);
  putc('\n', stdout);
  fprintf(stderr, "to stderr (not compared)\n");
  fflush(stdout);
  printf("after flush\n");
  return 3;
}
