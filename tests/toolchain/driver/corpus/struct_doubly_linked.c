#include <stdio.h>

struct list_head { struct list_head *prev, *next; };
struct item { int value; struct list_head link; };

static void list_init(struct list_head *h) { h->prev = h->next = h; }
static void list_add_tail(struct list_head *n, struct list_head *h) { n->prev = h->prev; n->next = h; h->prev->next = n; h->prev = n; }
static void list_del(struct list_head *n) { n->prev->next = n->next; n->next->prev = n->prev; }
#define item_of(p) ((struct item *)((char *)(p) - (char *)&((struct item *)0)->link))

int main(void) {
  struct list_head head;
  struct item items[6];
  list_init(&head);
  for (int i = 0; i < 6; i++) { items[i].value = i * 3; list_add_tail(&items[i].link, &head); }
  list_del(&items[2].link);
  list_del(&items[5].link);
  int sum = 0;
  for (struct list_head *p = head.next; p != &head; p = p->next) { printf("%d ", item_of(p)->value); sum += item_of(p)->value; }
  printf("| backwards:");
  for (struct list_head *p = head.prev; p != &head; p = p->prev) printf(" %d", item_of(p)->value);
  printf("\n");
  return sum;
}
