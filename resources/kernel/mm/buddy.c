/*
 * buddy.c -- the physical page allocator: a binary buddy system with a
 * reference count per frame.
 *
 * Every frame of RAM has a struct page in mem_map[]. A free block of 2^k
 * frames sits on free_area[k]; its "buddy" is the block whose index differs
 * only in bit k, and two free buddies merge into one block of 2^(k+1).
 *
 * Reference counts: alloc_pages returns a block with refcount 1; every
 * additional mapping or user takes get_page, and put_page frees the block
 * when the count reaches 0. Fork shares frames this way, and COW asks
 * page_refcount whether a frame is still shared. Each change is reported
 * to the lab trace so ForkLab can draw who holds what.
 */
#include "defs.h"
#include "lab.h"

extern char _ekernel[];

static struct page *mem_map;
static uint64 mem_base;     /* physical address of mem_map[0] */
static uint64 nr_pages;
static uint64 free_count;
static struct list_head free_area[MAX_ORDER];

static uint64 page_index(uint64 pa) { return (pa - mem_base) >> PGSHIFT; }
static uint64 index_pa(uint64 idx) { return mem_base + (idx << PGSHIFT); }

struct page *pa_to_page(uint64 pa) {
  if (pa < mem_base || page_index(pa) >= nr_pages)
    PANIC("pa_to_page: %lx is not RAM", pa);
  return &mem_map[page_index(pa)];
}

/* Puts a block on its free list, merging with free buddies. No trace. */
static void buddy_free(uint64 idx, int order) {
  while (order < MAX_ORDER - 1) {
    uint64 buddy = idx ^ (1UL << order);
    struct page *b = &mem_map[buddy];
    if (buddy + (1UL << order) > nr_pages || !b->free || b->order != order)
      break;
    list_del(&b->lru);
    b->free = 0;
    idx &= ~(1UL << order);
    order++;
  }
  mem_map[idx].free = 1;
  mem_map[idx].order = (uint8)order;
  mem_map[idx].refcount = 0;
  list_add(&mem_map[idx].lru, &free_area[order]);
}

/* Does the frame at pa overlap [start, end)? Regions need not be page aligned. */
static bool overlaps(uint64 pa, uint64 start, uint64 end) {
  return pa < end && pa + PGSIZE > start;
}

static bool reserved(uint64 pa) {
  return overlaps(pa, boot_info.initrd_start, boot_info.initrd_end) ||
         overlaps(pa, boot_info.fdt_start, boot_info.fdt_start + boot_info.fdt_size);
}

/*
 * Hands every frame after the kernel (and mem_map itself) to the buddy
 * system, except the initrd and the device tree. Frames below the kernel
 * (the firmware's 2 MiB) are never managed.
 */
void mm_init(void) {
  uint64 start = PGROUNDUP(VA2PA(_ekernel));
  uint64 end = boot_info.mem_start + boot_info.mem_size;
  uint64 map_bytes;

  for (int i = 0; i < MAX_ORDER; i++)
    INIT_LIST_HEAD(&free_area[i]);
  mem_base = boot_info.mem_start;
  nr_pages = (end - mem_base) >> PGSHIFT;
  mem_map = (struct page *)PA2VA(start);
  map_bytes = PGROUNDUP(nr_pages * sizeof(struct page));
  memset(mem_map, 0, map_bytes);
  for (uint64 i = 0; i < nr_pages; i++)
    INIT_LIST_HEAD(&mem_map[i].lru);

  for (uint64 pa = start + map_bytes; pa < end; pa += PGSIZE) {
    if (reserved(pa))
      continue;
    buddy_free(page_index(pa), 0);
    free_count++;
  }
  printk("mm_init: %lu KiB free in [%lx, %lx)\n", free_count * 4, start + map_bytes, end);
}

/* Allocates 2^order zeroed frames; returns the physical address or 0. */
uint64 alloc_pages(int order, int use) {
  int k = order;
  uint64 idx, pa;
  struct page *pg;

  while (k < MAX_ORDER && list_empty(&free_area[k]))
    k++;
  if (k == MAX_ORDER)
    return 0;
  pg = list_entry(free_area[k].next, struct page, lru);
  list_del(&pg->lru);
  pg->free = 0;
  idx = (uint64)(pg - mem_map);
  while (k > order) {
    k--;
    buddy_free(idx + (1UL << k), k); /* the upper half stays free */
  }
  pg->order = (uint8)order;
  pg->refcount = 1;
  pg->use = (uint8)use;
  free_count -= 1UL << order;
  pa = index_pa(idx);
  memset((void *)PA2VA(pa), 0, PGSIZE << order);
  lab_trace(LAB_FRAME, pa, 1, FRAME_ALLOC, (uint64)use, (uint64)order, 0);
  return pa;
}

uint64 alloc_page(int use) { return alloc_pages(0, use); }

/* Frees a block whose refcount already dropped to 0 (put_page does this). */
void free_pages(uint64 pa, int order) {
  free_count += 1UL << order;
  buddy_free(page_index(pa), order);
}

void get_page(uint64 pa) {
  struct page *pg = pa_to_page(pa);
  if (pg->refcount == 0)
    PANIC("get_page: frame %lx is free", pa);
  pg->refcount++;
  lab_trace(LAB_FRAME, pa, pg->refcount, FRAME_GET, pg->use, 0, 0);
}

void put_page(uint64 pa) {
  struct page *pg = pa_to_page(pa);
  if (pg->refcount == 0)
    PANIC("put_page: frame %lx is already free", pa);
  pg->refcount--;
  lab_trace(LAB_FRAME, pa, pg->refcount, FRAME_PUT, pg->use, pg->refcount == 0 ? pg->order : 0, 0);
  if (pg->refcount == 0)
    free_pages(pa, pg->order);
}

uint32 page_refcount(uint64 pa) { return pa_to_page(pa)->refcount; }

uint64 nr_free_pages(void) { return free_count; }
