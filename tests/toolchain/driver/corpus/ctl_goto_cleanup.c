#include <stdio.h>
#include <stdlib.h>

static int setup(int fail_at) {
  int rc = -1;
  char *a = NULL, *b = NULL, *c = NULL;
  if (fail_at == 1 || !(a = malloc(10))) goto out;
  if (fail_at == 2 || !(b = malloc(20))) goto free_a;
  if (fail_at == 3 || !(c = malloc(30))) goto free_b;
  rc = 0;
  free(c);
free_b:
  free(b);
free_a:
  free(a);
out:
  printf("setup(%d) -> %d\n", fail_at, rc);
  return rc;
}

int main(void) {
  int sum = 0;
  for (int i = 0; i <= 3; i++) sum += setup(i);
  return -sum;
}
