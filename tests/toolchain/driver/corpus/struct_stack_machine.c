#include <stdio.h>

enum op { PUSH, ADD, MUL, SUB, DUP, SWAP, PRINT, HALT };
struct insn { enum op op; long arg; };
struct vm { long stack[16]; int sp; };

static void push(struct vm *m, long v) { m->stack[m->sp++] = v; }
static long pop(struct vm *m) { return m->stack[--m->sp]; }

int main(void) {
  struct insn prog[] = {{PUSH, 6}, {PUSH, 7}, {MUL, 0}, {DUP, 0}, {PRINT, 0}, {PUSH, 2}, {SWAP, 0}, {SUB, 0}, {PRINT, 0}, {HALT, 0}};
  struct vm m = {{0}, 0};
  for (struct insn *pc = prog; pc->op != HALT; pc++) {
    long a, b;
    switch (pc->op) {
    case PUSH: push(&m, pc->arg); break;
    case ADD: b = pop(&m); a = pop(&m); push(&m, a + b); break;
    case MUL: b = pop(&m); a = pop(&m); push(&m, a * b); break;
    case SUB: b = pop(&m); a = pop(&m); push(&m, a - b); break;
    case DUP: a = pop(&m); push(&m, a); push(&m, a); break;
    case SWAP: b = pop(&m); a = pop(&m); push(&m, b); push(&m, a); break;
    case PRINT: printf("top=%ld depth=%d\n", m.stack[m.sp - 1], m.sp); break;
    default: break;
    }
  }
  return (int)pop(&m);
}
