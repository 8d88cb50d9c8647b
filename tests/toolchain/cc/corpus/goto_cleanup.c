#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int work(int fail_at) {
  int rc = -1;
  char *a = malloc(16), *b = 0, *c = 0;
  if (!a || fail_at == 1) goto out_a;
  b = malloc(32);
  if (!b || fail_at == 2) goto out_b;
  c = malloc(64);
  if (!c || fail_at == 3) goto out_c;
  rc = 0;
  free(c);
out_c:
  free(b);
out_b:
  free(a);
out_a:
  return rc;
}
int main(void) { for (int i = 0; i < 4; i++) printf("fail_at %d -> %d\n", i, work(i)); return 0; }
