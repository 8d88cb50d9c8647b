#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { int value; struct node *next; };
struct node *push(struct node *head, int v) { struct node *n = malloc(sizeof *n); n->value = v; n->next = head; return n; }
struct node *reverse(struct node *h) { struct node *prev = 0; while (h) { struct node *nx = h->next; h->next = prev; prev = h; h = nx; } return prev; }
int main(void) {
  struct node *list = 0;
  for (int i = 0; i < 10; i++) list = push(list, i * i);
  list = reverse(list);
  for (struct node *p = list; p; p = p->next) printf("%d ", p->value);
  printf("\n");
  while (list) { struct node *n = list->next; free(list); list = n; }
  return 0;
}
