/* errno.c -- the library's single error variable (one thread per process). */
#include <errno.h>

int errno;
