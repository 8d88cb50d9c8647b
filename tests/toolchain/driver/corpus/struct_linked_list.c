#include <stdio.h>
#include <stdlib.h>

struct node { int value; struct node *next; };

static struct node *push(struct node *head, int v) {
  struct node *n = malloc(sizeof *n);
  n->value = v;
  n->next = head;
  return n;
}

static struct node *reverse(struct node *h) {
  struct node *prev = NULL;
  while (h) { struct node *next = h->next; h->next = prev; prev = h; h = next; }
  return prev;
}

int main(void) {
  struct node *list = NULL;
  for (int i = 1; i <= 8; i++) list = push(list, i * i);
  list = reverse(list);
  int sum = 0;
  for (struct node *p = list; p; p = p->next) { printf("%d ", p->value); sum += p->value; }
  printf("\nsum=%d\n", sum);
  while (list) { struct node *n = list->next; free(list); list = n; }
  return sum % 256;
}
