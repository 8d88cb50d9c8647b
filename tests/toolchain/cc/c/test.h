/* Shared declarations for the compiler's feature tests (no system headers: the compiler
   under test sees only what it is given). ASSERT prints the expression and its value and
   exits with status 1 on a mismatch; common.c (built by gcc) implements the helpers, so every
   test also checks the calling convention against gcc's. */
#define ASSERT(x, y) assert_eq(x, y, #y)
void assert_eq(long expected, long actual, char *code);
int printf(const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
int strcmp(const char *a, const char *b);
int memcmp(const void *a, const void *b, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);
unsigned long strlen(const char *s);
void exit(int status);
void *malloc(unsigned long n);
void free(void *p);
int ok(void);
