/*
 * vm.c -- Sv39 page tables: the kernel's own mapping and the helpers every
 * address space uses (walk, map_page, unmap_range).
 *
 * An Sv39 virtual address, as the hardware splits it:
 *
 *   38        30 29        21 20        12 11           0
 *   +-----------+------------+------------+-------------+
 *   |  VPN[2]   |   VPN[1]   |   VPN[0]   |   offset    |
 *   +-----------+------------+------------+-------------+
 *
 * Each VPN indexes a 512-entry table; a PTE with R, W or X set is a leaf
 * (at level 2 a 1 GiB page, level 1 2 MiB, level 0 4 KiB). Page tables are
 * reached through the direct map, so every pointer here is PA2VA(pa).
 *
 * Every user address space (pgd_create) shares the kernel half of
 * swapper_pg_dir: the upper 256 root entries are copied, never changed.
 */
#include "defs.h"
#include "riscv.h"
#include "lab.h"

extern char _stext[], _etext[], _srodata[], _sdata[], _ekernel[];

/* Used before the MMU is on: only PC-relative references inside. */
uint64 early_pgtbl[512] __attribute__((aligned(4096)));
static uint64 swapper_root[512] __attribute__((aligned(4096)));
pagetable_t swapper_pg_dir = swapper_root;

#define PTE_KERNEL (PTE_V | PTE_A | PTE_D)

/*
 * setup_vm: the early table maps the first GiB of RAM at its physical
 * address (so the code keeps running right after satp is written) and the
 * first 4 GiB at VM_START (where the kernel is linked, and where
 * fdt_parse finds the device tree at the end of RAM), with gigapages.
 */
void setup_vm(void) {
  uint64 perm = PTE_KERNEL | PTE_R | PTE_W | PTE_X;
  early_pgtbl[VPN(PHY_START, 2)] = PA2PTE(PHY_START) | perm;
  for (uint64 i = 0; i < 4; i++)
    early_pgtbl[VPN(VM_START, 2) + i] = PA2PTE(PHY_START + (i << 30)) | perm;
}

/* Returns the level-0 PTE for va, creating missing tables when alloc is set. */
pte_t *walk(pagetable_t pgd, uint64 va, bool alloc) {
  pagetable_t table = pgd;
  for (int level = 2; level > 0; level--) {
    pte_t *pte = &table[VPN(va, level)];
    if (*pte & PTE_V) {
      if (*pte & (PTE_R | PTE_W | PTE_X))
        PANIC("walk: %lx is inside a superpage", va);
      table = (pagetable_t)PA2VA(PTE2PA(*pte));
    } else {
      uint64 pa;
      if (!alloc || (pa = alloc_page(USE_PGTABLE)) == 0)
        return NULL;
      *pte = PA2PTE(pa) | PTE_V;
      table = (pagetable_t)PA2VA(pa);
      mos_window_table(pgd, va, level, pa); /* a MOS process sees its new table */
    }
  }
  return &table[VPN(va, 0)];
}

/* Maps one 4 KiB page. Returns 0, or -1 when a page table cannot be allocated. */
int map_page(pagetable_t pgd, uint64 va, uint64 pa, uint64 perm) {
  pte_t *pte = walk(pgd, va, true);
  if (pte == NULL)
    return -1;
  *pte = PA2PTE(pa) | perm | PTE_V;
  return 0;
}

/* Maps [va, va+size) to pa in the kernel table with 2 MiB pages where both are aligned. */
static void kmap_range(uint64 va, uint64 pa, uint64 size, uint64 perm) {
  uint64 end = va + size;
  while (va < end) {
    if ((va & 0x1fffff) == 0 && (pa & 0x1fffff) == 0 && end - va >= 0x200000) {
      pte_t *l1;
      pte_t *top = &swapper_pg_dir[VPN(va, 2)];
      if (!(*top & PTE_V)) {
        uint64 t = alloc_page(USE_PGTABLE);
        if (t == 0)
          PANIC("kmap_range: out of memory");
        *top = PA2PTE(t) | PTE_V;
      }
      l1 = (pte_t *)PA2VA(PTE2PA(*top));
      l1[VPN(va, 1)] = PA2PTE(pa) | perm | PTE_KERNEL;
      va += 0x200000;
      pa += 0x200000;
    } else {
      if (map_page(swapper_pg_dir, va, pa, perm | PTE_A | PTE_D) < 0)
        PANIC("kmap_range: out of memory");
      va += PGSIZE;
      pa += PGSIZE;
    }
  }
}

/*
 * setup_vm_final: the kernel's real table. Text is R-X, rodata R--, data,
 * bss and the rest of RAM (the direct map) RW-. The firmware's first 2 MiB
 * stay unmapped, so a stray access there faults instead of corrupting it.
 */
void setup_vm_final(void) {
  uint64 text = (uint64)_stext, rodata = (uint64)_srodata, data = (uint64)_sdata;
  uint64 ram_end = PA2VA(boot_info.mem_start + boot_info.mem_size);
  uint64 satp;

  kmap_range(text, VA2PA(text), rodata - text, PTE_R | PTE_X);
  kmap_range(rodata, VA2PA(rodata), data - rodata, PTE_R);
  kmap_range(data, VA2PA(data), ram_end - data, PTE_R | PTE_W);

  satp = MAKE_SATP(VA2PA(swapper_pg_dir));
  csr_write(satp, satp);
  sfence_vma();
}

/* A new root table holding only the kernel's half. */
pagetable_t pgd_create(void) {
  uint64 pa = alloc_page(USE_PGTABLE);
  pagetable_t pgd;
  if (pa == 0)
    return NULL;
  pgd = (pagetable_t)PA2VA(pa);
  for (int i = 256; i < 512; i++)
    pgd[i] = swapper_pg_dir[i];
  return pgd;
}

/*
 * Drops every user mapping in [start, end): each frame loses one
 * reference (and is freed when it was the last). Tables stay.
 */
void unmap_range(pagetable_t pgd, uint64 start, uint64 end) {
  for (uint64 va = PGROUNDDOWN(start); va < end; va += PGSIZE) {
    pte_t *l2 = &pgd[VPN(va, 2)], *l1, *pte;
    if (!(*l2 & PTE_V)) {
      va = (va | ((1UL << 30) - 1)) + 1 - PGSIZE; /* skip the empty GiB */
      continue;
    }
    l1 = &((pagetable_t)PA2VA(PTE2PA(*l2)))[VPN(va, 1)];
    if (!(*l1 & PTE_V)) {
      va = (va | ((1UL << 21) - 1)) + 1 - PGSIZE; /* skip the empty 2 MiB */
      continue;
    }
    pte = &((pagetable_t)PA2VA(PTE2PA(*l1)))[VPN(va, 0)];
    if (*pte & PTE_V) {
      uint64 pa = PTE2PA(*pte);
      *pte = 0;
      put_page(pa);
    }
  }
  sfence_vma();
}

/*
 * Frees the user half's page tables and the root. VMA pages are gone by
 * now; pages MOS calls mapped outside any VMA are dropped here, and the
 * MOS windows (root entry 256) are torn down.
 */
void pgd_free(pagetable_t pgd) {
  mos_window_free(pgd);
  for (int i = 0; i < 256; i++) {
    pagetable_t l1;
    if (!(pgd[i] & PTE_V))
      continue;
    l1 = (pagetable_t)PA2VA(PTE2PA(pgd[i]));
    for (int j = 0; j < 512; j++) {
      pagetable_t l0;
      if (!(l1[j] & PTE_V))
        continue;
      l0 = (pagetable_t)PA2VA(PTE2PA(l1[j]));
      for (int k = 0; k < 512; k++)
        if (l0[k] & PTE_V)
          put_page(PTE2PA(l0[k]));
      put_page(PTE2PA(l1[j]));
    }
    put_page(PTE2PA(pgd[i]));
  }
  put_page(VA2PA(pgd));
}
