/*
 * fdt.c -- reads the flattened device tree the firmware passes in a1.
 *
 * Only four facts matter to this kernel: where RAM is (/memory reg), the
 * timer frequency (/cpus timebase-frequency), the command line
 * (/chosen bootargs) and the initrd (/chosen linux,initrd-start/end). The
 * tree is walked once, token by token (devicetree spec, chapter 5); all
 * numbers in it are big-endian.
 */
#include "defs.h"

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

struct boot_info boot_info;

static uint32 be32(const void *p) {
  const uint8 *b = p;
  return ((uint32)b[0] << 24) | ((uint32)b[1] << 16) | ((uint32)b[2] << 8) | b[3];
}

/* A property holding one or two cells. */
static uint64 read_cells(const uint8 *p, uint32 cells) {
  return cells == 2 ? ((uint64)be32(p) << 32) | be32(p + 4) : be32(p);
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

void fdt_parse(uint64 fdt_pa) {
  const uint8 *fdt = (const uint8 *)PA2VA(fdt_pa);
  const uint8 *p, *strings;
  const char *node = "";
  int depth = 0;
  uint32 addr_cells = 2, size_cells = 2;

  boot_info.timebase = DEFAULT_TIMEBASE;
  if (be32(fdt) != FDT_MAGIC)
    PANIC("fdt_parse: no device tree at %lx", fdt_pa);
  boot_info.fdt_start = fdt_pa;
  boot_info.fdt_size = be32(fdt + 4);
  p = fdt + be32(fdt + 8);
  strings = fdt + be32(fdt + 12);

  for (;;) {
    uint32 token = be32(p);
    p += 4;
    if (token == FDT_BEGIN_NODE) {
      const char *name = (const char *)p;
      depth++;
      if (depth == 2)
        node = name;
      p += (strlen(name) + 4) & ~3UL;
    } else if (token == FDT_END_NODE) {
      depth--;
      if (depth == 1)
        node = "";
    } else if (token == FDT_PROP) {
      uint32 len = be32(p);
      const char *prop = (const char *)strings + be32(p + 4);
      const uint8 *val = p + 8;
      p += 8 + ((len + 3) & ~3U);
      if (depth == 1 && strcmp(prop, "#address-cells") == 0)
        addr_cells = be32(val);
      else if (depth == 1 && strcmp(prop, "#size-cells") == 0)
        size_cells = be32(val);
      else if (depth == 2 && starts_with(node, "memory") && strcmp(prop, "reg") == 0 && boot_info.mem_size == 0) {
        boot_info.mem_start = read_cells(val, addr_cells);
        boot_info.mem_size = read_cells(val + 4 * addr_cells, size_cells);
      } else if (depth == 2 && strcmp(node, "cpus") == 0 && strcmp(prop, "timebase-frequency") == 0)
        boot_info.timebase = read_cells(val, len / 4);
      else if (depth == 2 && strcmp(node, "chosen") == 0) {
        if (strcmp(prop, "bootargs") == 0)
          safe_strcpy(boot_info.bootargs, (const char *)val, sizeof boot_info.bootargs);
        else if (strcmp(prop, "linux,initrd-start") == 0)
          boot_info.initrd_start = read_cells(val, len / 4);
        else if (strcmp(prop, "linux,initrd-end") == 0)
          boot_info.initrd_end = read_cells(val, len / 4);
      }
    } else if (token == FDT_NOP) {
      continue;
    } else {
      break; /* FDT_END, or a malformed tree: stop either way */
    }
  }
  if (boot_info.mem_size == 0)
    PANIC("fdt_parse: no /memory node");
}
