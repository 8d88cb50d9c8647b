/* Encoding RISC-V instructions by hand: addi, lui, jal fields. */
#include <stdio.h>
#include <stdint.h>

static uint32_t addi(int rd, int rs1, int imm) { return (uint32_t)(imm & 0xfff) << 20 | (uint32_t)rs1 << 15 | 0u << 12 | (uint32_t)rd << 7 | 0x13; }
static uint32_t lui(int rd, uint32_t imm20) { return imm20 << 12 | (uint32_t)rd << 7 | 0x37; }
static uint32_t jal(int rd, int off) {
  uint32_t o = (uint32_t)off;
  return ((o >> 20) & 1) << 31 | ((o >> 1) & 0x3ff) << 21 | ((o >> 11) & 1) << 20 | ((o >> 12) & 0xff) << 12 | (uint32_t)rd << 7 | 0x6f;
}

int main(void) {
  printf("%08x %08x %08x\n", addi(10, 0, 42), addi(2, 2, -16), lui(5, 0x80000));
  printf("%08x %08x\n", jal(1, 2048), jal(0, -4));
  return (int)(addi(1, 1, 1) & 0xff);
}
