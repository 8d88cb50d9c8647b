/* Deleting from a singly linked list with a pointer to the link (no special head case). */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *next; };

static void remove_if(struct node **link, int (*pred)(int)) {
  while (*link) {
    if (pred((*link)->v)) { struct node *dead = *link; *link = dead->next; free(dead); }
    else link = &(*link)->next;
  }
}
static int is_even(int v) { return v % 2 == 0; }

int main(void) {
  struct node *head = NULL, **tail = &head;
  for (int i = 0; i < 10; i++) { struct node *n = malloc(sizeof *n); n->v = i; n->next = NULL; *tail = n; tail = &n->next; }
  remove_if(&head, is_even);
  int count = 0;
  for (struct node *p = head; p; p = p->next) { printf("%d ", p->v); count++; }
  printf("\n");
  return count;
}
