#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE 31
struct entry { char key[16]; int value; struct entry *next; };
struct entry *table[SIZE];
unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 ^ (unsigned char)*s++; return h % SIZE; }
void put(const char *k, int v) {
  unsigned h = hash(k);
  for (struct entry *e = table[h]; e; e = e->next) if (!strcmp(e->key, k)) { e->value = v; return; }
  struct entry *e = malloc(sizeof *e); strcpy(e->key, k); e->value = v; e->next = table[h]; table[h] = e;
}
int get(const char *k) { for (struct entry *e = table[hash(k)]; e; e = e->next) if (!strcmp(e->key, k)) return e->value; return -1; }
int main(void) {
  const char *words[] = {"fork", "exec", "wait", "exit", "mmap", "brk", "fork", "wait", "fork"};
  for (int i = 0; i < 9; i++) put(words[i], get(words[i]) < 0 ? 1 : get(words[i]) + 1);
  printf("fork %d wait %d brk %d clone %d\n", get("fork"), get("wait"), get("brk"), get("clone"));
  return 0;
}
