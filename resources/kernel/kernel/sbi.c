/*
 * sbi.c -- the firmware interface: console, timer, shutdown, trace.
 *
 * sbi_init probes the extensions once with BASE probe_extension. The
 * console uses DBCN (one call per string) when the firmware has it and the
 * legacy putchar otherwise (QEMU 7.2's OpenSBI 1.1 predates DBCN). The lab
 * trace extension exists only in ForkLab; elsewhere lab_trace does nothing.
 */
#include "defs.h"
#include "sbi.h"
#include "lab.h"

static bool has_dbcn;
static bool has_time;
static bool has_srst;
static bool has_lab;

struct sbiret sbi_ecall(uint64 ext, uint64 fid, uint64 arg0, uint64 arg1, uint64 arg2,
                        uint64 arg3, uint64 arg4, uint64 arg5) {
  register uint64 a0 asm("a0") = arg0;
  register uint64 a1 asm("a1") = arg1;
  register uint64 a2 asm("a2") = arg2;
  register uint64 a3 asm("a3") = arg3;
  register uint64 a4 asm("a4") = arg4;
  register uint64 a5 asm("a5") = arg5;
  register uint64 a6 asm("a6") = fid;
  register uint64 a7 asm("a7") = ext;
  struct sbiret r;
  asm volatile("ecall"
               : "+r"(a0), "+r"(a1)
               : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a6), "r"(a7)
               : "memory");
  r.error = (long)a0;
  r.value = (long)a1;
  return r;
}

static bool probe(uint64 ext) {
  struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, ext, 0, 0, 0, 0, 0);
  return r.error == 0 && r.value != 0;
}

void sbi_init(void) {
  struct sbiret spec = sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0, 0);
  if (spec.error != 0)
    return; /* SBI v0.1: legacy calls only */
  has_dbcn = probe(SBI_EXT_DBCN);
  has_time = probe(SBI_EXT_TIME);
  has_srst = probe(SBI_EXT_SRST);
  has_lab = probe(SBI_EXT_LAB);
}

bool sbi_has_lab(void) { return has_lab; }

/* DBCN reads the buffer by physical address; what it does not take goes out byte by byte. */
void sbi_console_write(const char *s, uint64 n) {
  uint64 done = 0;
  if (has_dbcn) {
    uint64 pa = (uint64)s >= VM_START ? VA2PA(s) : (uint64)s;
    while (done < n) {
      struct sbiret r = sbi_ecall(SBI_EXT_DBCN, 0, n - done, pa + done, 0, 0, 0, 0);
      if (r.error != 0 || r.value <= 0)
        break;
      done += (uint64)r.value;
    }
  }
  for (; done < n; done++)
    sbi_ecall(SBI_LEGACY_PUTCHAR, 0, (uint8)s[done], 0, 0, 0, 0, 0);
}

/* Returns a byte, or -1 when none is waiting. */
int sbi_console_getchar(void) {
  struct sbiret r = sbi_ecall(SBI_LEGACY_GETCHAR, 0, 0, 0, 0, 0, 0, 0);
  return (int)r.error; /* legacy calls return their value in a0 */
}

void sbi_set_timer(uint64 when) {
  if (has_time)
    sbi_ecall(SBI_EXT_TIME, 0, when, 0, 0, 0, 0, 0);
  else
    sbi_ecall(SBI_LEGACY_SET_TIMER, 0, when, 0, 0, 0, 0, 0);
}

/* Powers the machine off; reason "system failure" when failure is set. */
void sbi_shutdown(int failure) {
  if (has_srst)
    sbi_ecall(SBI_EXT_SRST, 0, 0, failure ? 1 : 0, 0, 0, 0, 0);
  sbi_ecall(SBI_LEGACY_SHUTDOWN, 0, 0, 0, 0, 0, 0, 0);
  for (;;)
    asm volatile("wfi");
}

void lab_trace(enum lab_event ev, uint64 a0, uint64 a1, uint64 a2, uint64 a3, uint64 a4, uint64 a5) {
  if (has_lab)
    sbi_ecall(SBI_EXT_LAB, ev, a0, a1, a2, a3, a4, a5);
}

static uint64 pack8(const char *s) {
  uint64 v = 0;
  for (int i = 0; i < 8 && s[i]; i++)
    v |= (uint64)(uint8)s[i] << (8 * i);
  return v;
}

uint64 lab_name_lo(const char *name) { return pack8(name); }
uint64 lab_name_hi(const char *name) { return strlen(name) > 8 ? pack8(name + 8) : 0; }
