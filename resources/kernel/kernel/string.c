/* string.c -- the few string helpers the kernel needs. */
#include "defs.h"

void *memset(void *dst, int c, uint64 n) {
  uint8 *d = dst;
  if (((uint64)d & 7) == 0 && (n & 7) == 0 && c == 0) {
    for (uint64 i = 0; i < n / 8; i++)
      ((uint64 *)d)[i] = 0;
    return dst;
  }
  while (n-- > 0)
    *d++ = (uint8)c;
  return dst;
}

void *memcpy(void *dst, const void *src, uint64 n) {
  uint8 *d = dst;
  const uint8 *s = src;
  if ((((uint64)d | (uint64)s | n) & 7) == 0) {
    for (uint64 i = 0; i < n / 8; i++)
      ((uint64 *)d)[i] = ((const uint64 *)s)[i];
    return dst;
  }
  while (n-- > 0)
    *d++ = *s++;
  return dst;
}

int memcmp(const void *a, const void *b, uint64 n) {
  const uint8 *p = a, *q = b;
  for (; n > 0; n--, p++, q++)
    if (*p != *q)
      return *p - *q;
  return 0;
}

uint64 strlen(const char *s) {
  uint64 n = 0;
  while (s[n])
    n++;
  return n;
}

int strcmp(const char *a, const char *b) {
  while (*a && *a == *b)
    a++, b++;
  return (uint8)*a - (uint8)*b;
}

int strncmp(const char *a, const char *b, uint64 n) {
  for (; n > 0; n--, a++, b++) {
    if (*a != *b)
      return (uint8)*a - (uint8)*b;
    if (*a == 0)
      return 0;
  }
  return 0;
}

/* Copies at most size-1 characters and always terminates. */
void safe_strcpy(char *dst, const char *src, uint64 size) {
  uint64 i = 0;
  if (size == 0)
    return;
  for (; i + 1 < size && src[i]; i++)
    dst[i] = src[i];
  dst[i] = 0;
}

uint64 parse_uint(const char *s, const char **end) {
  uint64 v = 0;
  while (*s >= '0' && *s <= '9')
    v = v * 10 + (uint64)(*s++ - '0');
  if (end)
    *end = s;
  return v;
}
