#include <stdio.h>
#include <string.h>

typedef long (*syscall_fn)(long, long);
static long sys_add(long a, long b) { return a + b; }
static long sys_max(long a, long b) { return a > b ? a : b; }
static long sys_neg(long a, long b) { (void)b; return -a; }

static const struct { const char *name; syscall_fn fn; } table[] = {{"add", sys_add}, {"max", sys_max}, {"neg", sys_neg}};

static long dispatch(const char *name, long a, long b) {
  for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++) if (!strcmp(table[i].name, name)) return table[i].fn(a, b);
  return -38;
}

int main(void) {
  printf("%ld %ld %ld %ld\n", dispatch("add", 2, 3), dispatch("max", -4, 9), dispatch("neg", 5, 0), dispatch("nope", 0, 0));
  return (int)dispatch("add", 40, 2);
}
