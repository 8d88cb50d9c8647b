/*
 * badptr.c -- a bad pointer passed to a system call is refused with
 * EFAULT; the kernel checks it against the process's VMAs and never
 * faults itself.
 */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  long r = write(1, (const void *)0x1000, 8);
  printf("badptr: write from 0x1000 returned %ld (%s)\n", r, r < 0 ? strerror(errno) : "ok");
  r = write(1, (const void *)main, 0);
  printf("badptr: write of 0 bytes returned %ld\n", r);
  return r == 0 ? 0 : 1;
}
