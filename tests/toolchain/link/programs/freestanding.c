static long sys(long n, long a, long b, long c) {
  register long a0 asm("a0") = a; register long a1 asm("a1") = b; register long a2 asm("a2") = c; register long a7 asm("a7") = n;
  asm volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}
int counter = 5;
int table[100];
const char *names[] = {"zero", "one", "two", "three"};
struct S { int a; long b; } s = {1, 2};
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static unsigned long slen(const char *p) { unsigned long n = 0; while (p[n]) n++; return n; }
int main(void) {
  for (int i = 0; i < 100; i++) table[i] = i * i;
  for (int i = 0; i < 4; i++) { sys(64, 1, (long)names[i], slen(names[i])); sys(64, 1, (long)"\n", 1); }
  switch (counter) { case 1: return 1; case 5: counter = fib(20); break; default: return 3; }
  return (counter + table[9] + (int)s.b) & 0xff;
}
void _start(void) { sys(93, main(), 0, 0); }
