/* types.h -- fixed-width types for the kernel (RV64, lp64). */
#ifndef _TYPES_H
#define _TYPES_H

typedef unsigned char uint8;
typedef unsigned short uint16;
typedef unsigned int uint32;
typedef unsigned long uint64;
typedef long int64;
typedef int int32;
typedef unsigned long size_t;
typedef uint64 pte_t;
typedef uint64 *pagetable_t; /* 512 PTEs, as a kernel virtual address */

#define NULL ((void *)0)
#define bool _Bool
#define true 1
#define false 0

#endif
