#include <stdio.h>

#define CAP 5
struct ring { int buf[CAP]; int head, tail, len; };

static int push(struct ring *r, int v) { if (r->len == CAP) return 0; r->buf[r->tail] = v; r->tail = (r->tail + 1) % CAP; r->len++; return 1; }
static int pop(struct ring *r, int *v) { if (!r->len) return 0; *v = r->buf[r->head]; r->head = (r->head + 1) % CAP; r->len--; return 1; }

int main(void) {
  struct ring r = {0};
  int dropped = 0, out = 0, v;
  for (int i = 1; i <= 8; i++) dropped += !push(&r, i * 11);
  for (int i = 0; i < 3 && pop(&r, &v); i++) { printf("pop %d\n", v); out += v; }
  for (int i = 9; i <= 10; i++) dropped += !push(&r, i * 11);
  while (pop(&r, &v)) printf("drain %d\n", v);
  printf("dropped=%d out=%d\n", dropped, out);
  return dropped;
}
