#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long ack(long m, long n) { return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
int main(void) { for (int m = 0; m < 3; m++) for (int n = 0; n < 4; n++) printf("ack(%d,%d)=%ld\n", m, n, ack(m, n)); return 0; }
