/*
 * initrd.c -- the lab's app table (docs/abi.md section 3).
 *
 *   "UAPP\0\0\0\0", u32 version = 1, u32 count,
 *   count x { u64 offset, u64 size, char name[16] }, then the ELF images.
 *
 * The images stay where the firmware put them; VMAs of programs point into
 * them (vm_file), so the initrd's frames are never given to the allocator.
 */
#include "defs.h"
#include "errno.h"

struct uapp_entry {
  uint64 offset;
  uint64 size;
  char name[16];
};

static const uint8 *image;
static uint64 image_size;
static const struct uapp_entry *entries;
static int count;

/* Returns the number of apps, or -1 when there is no valid initrd. */
int initrd_init(void) {
  if (boot_info.initrd_end <= boot_info.initrd_start)
    return -1;
  image = (const uint8 *)PA2VA(boot_info.initrd_start);
  image_size = boot_info.initrd_end - boot_info.initrd_start;
  if (image_size < 16 || memcmp(image, "UAPP\0\0\0\0", 8) != 0 || *(const uint32 *)(image + 8) != 1) {
    printk("initrd: not a UAPP app table, ignored\n");
    return -1;
  }
  count = (int)*(const uint32 *)(image + 12);
  entries = (const struct uapp_entry *)(image + 16);
  if (16 + (uint64)count * sizeof(struct uapp_entry) > image_size) {
    printk("initrd: table of %d apps does not fit, ignored\n", count);
    count = 0;
    return -1;
  }
  for (int i = 0; i < count; i++) {
    if (entries[i].offset + entries[i].size > image_size || entries[i].name[15] != 0) {
      printk("initrd: entry %d is corrupt, table cut there\n", i);
      count = i;
      break;
    }
  }
  return count;
}

int initrd_count(void) { return count; }

const char *initrd_name(int i) { return i >= 0 && i < count ? entries[i].name : NULL; }

/* Finds an app by name; accepts "/name" and "./name" too. Returns 0 or -ENOENT. */
int initrd_find(const char *name, const uint8 **elf, uint64 *size) {
  if (name[0] == '.' && name[1] == '/')
    name += 2;
  while (name[0] == '/')
    name++;
  for (int i = 0; i < count; i++) {
    if (strncmp(entries[i].name, name, 16) == 0) {
      *elf = image + entries[i].offset;
      *size = entries[i].size;
      return 0;
    }
  }
  return -ENOENT;
}
