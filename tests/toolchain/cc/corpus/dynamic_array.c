#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int *data; int len, cap; } vec;
void push(vec *v, int x) { if (v->len == v->cap) { v->cap = v->cap ? v->cap * 2 : 2; v->data = realloc(v->data, v->cap * sizeof(int)); } v->data[v->len++] = x; }
int main(void) {
  vec v = {0};
  for (int i = 0; i < 100; i++) push(&v, i * i % 17);
  long s = 0;
  for (int i = 0; i < v.len; i++) s += v.data[i];
  printf("len %d cap %d sum %ld\n", v.len, v.cap, s);
  free(v.data);
  return 0;
}
