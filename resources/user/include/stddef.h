/*
 * stddef.h -- basic types for the ForkLab user library (RV64, lp64).
 * Written for both gcc and ForkLab's own compiler, so no builtins.
 */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef unsigned long size_t;
typedef long ptrdiff_t;
typedef int wchar_t;
typedef long double max_align_t;

#ifndef NULL
#define NULL ((void *)0)
#endif

/* The classic address-of-member trick: no compiler builtin needed. */
#define offsetof(type, member) ((size_t)&(((type *)0)->member))

#endif
