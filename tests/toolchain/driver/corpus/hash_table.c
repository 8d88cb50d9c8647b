#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#define BUCKETS 8

struct entry { char *key; int value; struct entry *next; };
static struct entry *table[BUCKETS];

static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 + (unsigned char)*s++; return h; }

static void put(const char *k, int v) {
  unsigned b = hash(k) % BUCKETS;
  for (struct entry *e = table[b]; e; e = e->next) if (!strcmp(e->key, k)) { e->value = v; return; }
  struct entry *e = malloc(sizeof *e);
  e->key = strdup(k); e->value = v; e->next = table[b]; table[b] = e;
}
static int get(const char *k, int dflt) {
  for (struct entry *e = table[hash(k) % BUCKETS]; e; e = e->next) if (!strcmp(e->key, k)) return e->value;
  return dflt;
}

int main(void) {
  const char *words[] = {"fork", "exec", "wait", "fork", "mmap", "fork", "exec"};
  for (int i = 0; i < 7; i++) put(words[i], get(words[i], 0) + 1);
  printf("fork=%d exec=%d wait=%d mmap=%d none=%d\n", get("fork", 0), get("exec", 0), get("wait", 0), get("mmap", 0), get("none", -1));
  printf("hash(fork)=%u\n", hash("fork"));
  return get("fork", 0);
}
