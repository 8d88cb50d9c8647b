#include <stdio.h>
#include <string.h>

static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64(const unsigned char *in, size_t n, char *out) {
  size_t i = 0;
  for (; i + 2 < n; i += 3) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
    *out++ = tbl[v >> 18]; *out++ = tbl[v >> 12 & 63]; *out++ = tbl[v >> 6 & 63]; *out++ = tbl[v & 63];
  }
  if (n - i == 1) { unsigned v = (unsigned)in[i] << 16; *out++ = tbl[v >> 18]; *out++ = tbl[v >> 12 & 63]; *out++ = '='; *out++ = '='; }
  else if (n - i == 2) { unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8; *out++ = tbl[v >> 18]; *out++ = tbl[v >> 12 & 63]; *out++ = tbl[v >> 6 & 63]; *out++ = '='; }
  *out = 0;
}

int main(void) {
  const char *in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar", "ForkLab!"};
  char out[32];
  for (int i = 0; i < 8; i++) { b64((const unsigned char *)in[i], strlen(in[i]), out); printf("%s -> %s\n", in[i], out); }
  return (int)strlen(out);
}
