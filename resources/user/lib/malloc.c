/*
 * malloc.c -- a first-fit free-list allocator over sbrk, after K&R 8.7.
 *
 * Every block starts with a header holding its size in header units; free
 * blocks form a circular list sorted by address so neighbours can merge.
 * Memory is never given back to the kernel.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct header {
  struct header *next; /* next free block (only while free) */
  size_t units;        /* block size, header included, in sizeof(Header) */
} Header;

#define MIN_GROW 256 /* units asked from sbrk at least: 4 KiB */

static Header base;
static Header *freep;

static Header *grow(size_t units) {
  char *p;
  Header *h;
  if (units < MIN_GROW)
    units = MIN_GROW;
  p = sbrk((long)(units * sizeof(Header)));
  if (p == (char *)-1)
    return NULL;
  h = (Header *)p;
  h->units = units;
  free(h + 1);
  return freep;
}

void *malloc(size_t size) {
  Header *prev, *p;
  size_t units;
  if (size == 0 || size > ((size_t)1 << 40))
    return NULL;
  units = (size + sizeof(Header) - 1) / sizeof(Header) + 1;
  if (freep == NULL) {
    base.next = &base;
    base.units = 0;
    freep = &base;
  }
  prev = freep;
  for (p = prev->next;; prev = p, p = p->next) {
    if (p->units >= units) {
      if (p->units == units) {
        prev->next = p->next;
      } else {
        p->units -= units; /* hand out the tail of the block */
        p += p->units;
        p->units = units;
      }
      freep = prev;
      return p + 1;
    }
    if (p == freep && (p = grow(units)) == NULL)
      return NULL;
  }
}

void free(void *ptr) {
  Header *h, *p;
  if (ptr == NULL)
    return;
  h = (Header *)ptr - 1;
  for (p = freep; !(h > p && h < p->next); p = p->next)
    if (p >= p->next && (h > p || h < p->next))
      break; /* at the wrap-around point of the list */
  if (h + h->units == p->next) {
    h->units += p->next->units;
    h->next = p->next->next;
  } else {
    h->next = p->next;
  }
  if (p + p->units == h) {
    p->units += h->units;
    p->next = h->next;
  } else {
    p->next = h;
  }
  freep = p;
}

void *calloc(size_t nmemb, size_t size) {
  void *p;
  if (size != 0 && nmemb > ((size_t)1 << 40) / size)
    return NULL;
  p = malloc(nmemb * size);
  if (p)
    memset(p, 0, nmemb * size);
  return p;
}

void *realloc(void *ptr, size_t size) {
  Header *h;
  size_t have;
  void *n;
  if (ptr == NULL)
    return malloc(size);
  if (size == 0) {
    free(ptr);
    return NULL;
  }
  h = (Header *)ptr - 1;
  have = (h->units - 1) * sizeof(Header);
  if (have >= size)
    return ptr;
  n = malloc(size);
  if (n == NULL)
    return NULL;
  memcpy(n, ptr, have);
  free(ptr);
  return n;
}
