#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int calls;
int next_id(void) { static int id = 100; calls++; return id++; }
int twice(void) { static int n; return n += 2; }
int main(void) {
  for (int i = 0; i < 3; i++) printf("%d %d\n", next_id(), twice());
  printf("calls %d\n", calls);
  return 0;
}
