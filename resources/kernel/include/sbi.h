/* sbi.h -- calls into the firmware (SBI spec v1.0 and the legacy extension). */
#ifndef _SBI_H
#define _SBI_H

#include "types.h"

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_DBCN 0x4442434E
#define SBI_EXT_LAB 0x0A4C4142
#define SBI_LEGACY_SET_TIMER 0x0
#define SBI_LEGACY_PUTCHAR 0x1
#define SBI_LEGACY_GETCHAR 0x2
#define SBI_LEGACY_SHUTDOWN 0x8

struct sbiret {
  long error;
  long value;
};

struct sbiret sbi_ecall(uint64 ext, uint64 fid, uint64 a0, uint64 a1, uint64 a2,
                        uint64 a3, uint64 a4, uint64 a5);
void sbi_init(void);
void sbi_console_write(const char *s, uint64 n);
int sbi_console_getchar(void);
void sbi_set_timer(uint64 when);
void sbi_shutdown(int failure);
bool sbi_has_lab(void);

#endif
