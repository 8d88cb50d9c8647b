/*
 * mos_forktree -- five processes made by MOS's user-level fork: the root
 * forks two children and each child forks one grandchild. Every process
 * writes its own value into `value` after the fork (a user-level COW copy),
 * yields so the others write theirs, and checks that it still reads its own.
 */
#include <lib.h>
#include <sys/wait.h>

int value = 7; /* initialized data: one page shared COW until each writes */

static int check(int mine, const char *who) {
  value = mine;
  for (int i = 0; i < 5; i++)
    syscall_yield();
  debugf("[%x] %s: value = %d\n", syscall_getenvid(), who, value);
  return value == mine ? 0 : 1;
}

/* Waits for every child; nonzero when one of them failed. */
static int reap(void) {
  int status, bad = 0;
  while (wait(&status) > 0)
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      bad = 1;
  return bad;
}

int main(void) {
  int bad, before = value;
  for (int c = 1; c <= 2; c++) {
    if (fork() == 0) {
      if (fork() == 0)
        return check(100 + 10 * c + 1, "grandchild");
      bad = check(100 + 10 * c, "child");
      return reap() | bad;
    }
  }
  bad = check(100, "root");
  bad |= reap();
  bad |= before != 7;
  debugf("%s mos_forktree\n", bad ? "FAIL" : "PASS");
  return bad;
}
