/*
 * kmalloc.c -- small kernel objects (VMAs) from power-of-two size classes.
 *
 * Each class carves whole frames into equal slots and keeps freed slots on
 * a list; frames are never returned. A 16-byte header in front of every
 * object remembers its class for kfree. Objects up to 2032 bytes.
 */
#include "defs.h"
#include "lab.h"

#define MIN_SHIFT 5
#define MAX_SHIFT 11
#define HEADER 16

struct slot {
  struct slot *next;
  uint64 shift;
};

static struct slot *free_slots[MAX_SHIFT + 1];
uint64 kmalloc_pages; /* frames kept by the size classes, for leak accounting */

/* Returns zeroed memory, or NULL when no frame is left. */
void *kmalloc(uint64 size) {
  int shift = MIN_SHIFT;
  struct slot *s;
  while ((1UL << shift) < size + HEADER)
    shift++;
  if (shift > MAX_SHIFT)
    PANIC("kmalloc: %lu bytes is too large", size);
  if (free_slots[shift] == NULL) {
    uint64 pa = alloc_page(USE_KERNEL);
    char *base;
    if (pa == 0)
      return NULL;
    kmalloc_pages++;
    base = (char *)PA2VA(pa);
    for (uint64 off = 0; off < PGSIZE; off += 1UL << shift) {
      s = (struct slot *)(base + off);
      s->next = free_slots[shift];
      free_slots[shift] = s;
    }
  }
  s = free_slots[shift];
  free_slots[shift] = s->next;
  memset(s, 0, 1UL << shift);
  s->shift = (uint64)shift;
  return (char *)s + HEADER;
}

void kfree(void *p) {
  struct slot *s;
  if (p == NULL)
    return;
  s = (struct slot *)((char *)p - HEADER);
  if (s->shift < MIN_SHIFT || s->shift > MAX_SHIFT)
    PANIC("kfree: %p was not from kmalloc", (uint64)p);
  s->next = free_slots[s->shift];
  free_slots[s->shift] = s;
}
