/*
 * stdio.c -- the three standard streams over read/write.
 *
 * stdout keeps a line buffer so one printf line reaches the console in one
 * write (lines of concurrent processes then interleave whole). Note the
 * classic fork lesson: text still in the buffer at fork() is printed twice.
 * stderr is buffered only within one call (printf.c flushes it at the end
 * of each fprintf), so it still appears at once but costs one write, not
 * one per character.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static FILE stdin_file = {0, 0, 0, 0};
static FILE stdout_file = {1, 1, 0, 0};
static FILE stderr_file = {2, 1, 0, 0};

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

static int write_all(int fd, const char *p, int n) {
  while (n > 0) {
    long w = write(fd, p, (size_t)n);
    if (w <= 0)
      return -1;
    p += w;
    n -= (int)w;
  }
  return 0;
}

int fflush(FILE *f) {
  int r = 0;
  if (f == NULL)
    return fflush(stdout);
  if (f->len > 0)
    r = write_all(f->fd, f->buf, f->len);
  f->len = 0;
  if (r < 0)
    f->error = 1;
  return r < 0 ? EOF : 0;
}

int fputc(int c, FILE *f) {
  char ch = (char)c;
  if (!f->buffered) {
    if (write_all(f->fd, &ch, 1) < 0) {
      f->error = 1;
      return EOF;
    }
    return (unsigned char)ch;
  }
  f->buf[f->len++] = ch;
  if (ch == '\n' || f->len == BUFSIZ)
    if (fflush(f) == EOF)
      return EOF;
  return (unsigned char)ch;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f) {
  for (; *s; s++)
    if (fputc(*s, f) == EOF)
      return EOF;
  return 0;
}

int puts(const char *s) {
  if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
    return EOF;
  return 0;
}

/* Reading flushes stdout first, so a prompt shows before the program waits. */
int fgetc(FILE *f) {
  unsigned char c;
  if (f->has_pushback) {
    f->has_pushback = 0;
    return f->pushback;
  }
  fflush(stdout);
  if (read(f->fd, &c, 1) != 1)
    return EOF;
  return c;
}

/* One character of pushback, as the standard guarantees. */
int ungetc(int c, FILE *f) {
  if (c == EOF || f->has_pushback)
    return EOF;
  f->has_pushback = 1;
  f->pushback = (unsigned char)c;
  return (unsigned char)c;
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

char *fgets(char *buf, int size, FILE *f) {
  int n = 0;
  if (size <= 0)
    return NULL;
  while (n < size - 1) {
    int c = fgetc(f);
    if (c == EOF)
      break;
    buf[n++] = (char)c;
    if (c == '\n')
      break;
  }
  buf[n] = 0;
  return n == 0 ? NULL : buf;
}

void perror(const char *msg) {
  fflush(stdout);
  if (msg && *msg)
    fprintf(stderr, "%s: %s\n", msg, strerror(errno));
  else
    fprintf(stderr, "%s\n", strerror(errno));
}
