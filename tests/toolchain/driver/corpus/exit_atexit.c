#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit first registered, runs last\n"); }
static void second(void) { printf("atexit second registered, runs first\n"); }

int main(void) {
  atexit(first);
  atexit(second);
  printf("main ends with exit(9)\n");
  exit(9);
}
