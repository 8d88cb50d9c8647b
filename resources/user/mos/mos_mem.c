/*
 * mos_mem -- MOS's memory system calls with legal and illegal arguments.
 * Expected values are MOS's: a legal va is UTEMP <= va < UTOP, a target must
 * be the caller or its child (-E_BAD_ENV otherwise), and ForkLab also
 * refuses perm bits other than V R W X U COW LIBRARY (-E_INVAL).
 * Each line: call, result, expected; one verdict at the end.
 */
#include <lib.h>
#include <sys/wait.h>

#define KERNEL_VA ((void *)0xffffffd600200000UL)
#define NO_ENV 0x7ffff7ffu /* slot 1023: no such env */
#define PAGE1 ((char *)UTEMP)
#define PAGE2 ((char *)(UTEMP + PGSIZE))

static int bad;

static void check(const char *what, int got, int want) {
  debugf("%s = %d (expected %d) %s\n", what, got, want, got == want ? "ok" : "FAIL");
  if (got != want)
    bad = 1;
}

/* Runs fn in a MOS child; returns the child's wait status. */
static int in_child(int (*fn)(void)) {
  int status = 0;
  if (fork() == 0)
    exit(fn());
  wait(&status);
  return status;
}

static int write_readonly(void) {
  syscall_mem_alloc(0, PAGE1, PTE_W);
  syscall_mem_map(0, PAGE1, 0, PAGE2, 0); /* read-only alias */
  debugf("child: writing a read-only page\n");
  *(volatile char *)PAGE2 = 1;
  return 0; /* not reached */
}

static int write_window(void) {
  debugf("child: writing vpt\n");
  *(volatile u_long *)&vpt[VPN(UTEXT)] = 0;
  return 0;
}

static int write_envs(void) {
  debugf("child: writing envs\n");
  ((volatile struct Env *)envs)[0].env_status = ENV_RUNNABLE;
  return 0;
}

static int touch_parent(void) {
  int r = 0;
  u_int parent = env->env_parent_id;
  r |= syscall_mem_alloc(parent, PAGE1, PTE_W) != -E_BAD_ENV;
  r |= syscall_mem_map(0, (void *)UTEXT, parent, PAGE1, 0) != -E_BAD_ENV;
  r |= syscall_mem_unmap(parent, (void *)UTEXT) != -E_BAD_ENV;
  r |= syscall_mem_alloc(0x1001, PAGE1, PTE_W) != -E_BAD_ENV; /* kinit: not a child */
  debugf("child: parent and kinit refused: %s\n", r ? "FAIL" : "ok");
  return r;
}

int main(void) {
  int status;
  u_int child;

  /* mem_alloc */
  check("mem_alloc(0, UTEMP, PTE_W)", syscall_mem_alloc(0, PAGE1, PTE_W), 0);
  check("vpt[UTEMP] valid and writable", (vpt[VPN(UTEMP)] & (PTE_V | PTE_W)) == (PTE_V | PTE_W), 1);
  PAGE1[0] = 'm';
  check("new page reads back", PAGE1[0] == 'm' && PAGE1[1] == 0, 1);
  check("mem_alloc(0, UTOP)", syscall_mem_alloc(0, (void *)UTOP, PTE_W), -E_INVAL);
  check("mem_alloc(0, NULL)", syscall_mem_alloc(0, 0, PTE_W), -E_INVAL);
  check("mem_alloc(0, UTEMP - PGSIZE)", syscall_mem_alloc(0, (void *)(UTEMP - PGSIZE), PTE_W), -E_INVAL);
  check("mem_alloc(0, kernel va)", syscall_mem_alloc(0, KERNEL_VA, PTE_W), -E_INVAL);
  check("mem_alloc(0, UVPT)", syscall_mem_alloc(0, (void *)UVPT, 0), -E_INVAL);
  check("mem_alloc(no such env)", syscall_mem_alloc(NO_ENV, PAGE1, PTE_W), -E_BAD_ENV);
  check("mem_alloc(stale envid)", syscall_mem_alloc(syscall_getenvid() + (1u << 11), PAGE1, PTE_W), -E_BAD_ENV);
  check("mem_alloc(perm with PTE_A)", syscall_mem_alloc(0, PAGE1, PTE_W | PTE_A), -E_INVAL);
  check("mem_alloc(perm with bit 10)", syscall_mem_alloc(0, PAGE1, 1u << 10), -E_INVAL);
  check("mem_alloc(0, 0x3f00000000, PTE_W)", syscall_mem_alloc(0, (void *)0x3f00000000UL, PTE_W), 0);
  check("mem_alloc replaces the old page", syscall_mem_alloc(0, (void *)0x3f00000000UL, PTE_W), 0);
  check("PAGE1 untouched by failed calls", PAGE1[0], 'm');

  /* mem_map */
  check("mem_map(UTEMP -> UTEMP+PGSIZE, PTE_W)", syscall_mem_map(0, PAGE1, 0, PAGE2, PTE_W), 0);
  PAGE2[1] = 'x';
  check("alias shares the frame", PAGE1[0] == 'm' && PAGE1[1] == 'x', 1);
  check("mem_map(dst UTOP)", syscall_mem_map(0, PAGE1, 0, (void *)UTOP, PTE_W), -E_INVAL);
  check("mem_map(src NULL)", syscall_mem_map(0, 0, 0, PAGE2, PTE_W), -E_INVAL);
  check("mem_map(dst kernel va)", syscall_mem_map(0, PAGE1, 0, KERNEL_VA, PTE_W), -E_INVAL);
  check("mem_map(src not mapped)", syscall_mem_map(0, (void *)0x3000000000UL, 0, PAGE2, PTE_W), -E_INVAL);
  check("mem_map(no such src env)", syscall_mem_map(NO_ENV, PAGE1, 0, PAGE2, PTE_W), -E_BAD_ENV);
  check("mem_map(no such dst env)", syscall_mem_map(0, PAGE1, NO_ENV, PAGE2, PTE_W), -E_BAD_ENV);
  check("mem_map(perm with PTE_DIRTY)", syscall_mem_map(0, PAGE1, 0, PAGE2, PTE_DIRTY), -E_INVAL);

  /* mem_unmap */
  check("mem_unmap(0, UTEMP+PGSIZE)", syscall_mem_unmap(0, PAGE2), 0);
  check("vpt[UTEMP+PGSIZE] gone", (int)(vpt[VPN(PAGE2)] & PTE_V), 0);
  check("mem_unmap again (nothing mapped)", syscall_mem_unmap(0, PAGE2), 0);
  check("mem_unmap(0, UTOP)", syscall_mem_unmap(0, (void *)UTOP), -E_INVAL);
  check("mem_unmap(0, below UTEMP)", syscall_mem_unmap(0, (void *)0x1000), -E_INVAL);
  check("mem_unmap(no such env)", syscall_mem_unmap(NO_ENV, PAGE1), -E_BAD_ENV);
  check("PAGE1 still mapped", PAGE1[0], 'm');

  /* a child (exofork: not runnable yet) may be the target; it is destroyed afterwards */
  child = (u_int)syscall_exofork();
  if (child == 0) {
    debugf("FAIL: the exofork child ran\n");
    exit(1);
  }
  check("mem_alloc(child, UTEMP)", syscall_mem_alloc(child, PAGE1, PTE_W), 0);
  check("mem_map(self -> child)", syscall_mem_map(0, PAGE1, child, PAGE2, 0), 0);
  check("mem_map(child -> self)", syscall_mem_map(child, PAGE1, 0, PAGE2, PTE_W), 0);
  check("mem_unmap(child, UTEMP)", syscall_mem_unmap(child, PAGE1), 0);
  check("env_destroy(child)", syscall_env_destroy(child), 0);
  wait(&status);
  check("destroyed child's status is SIGKILL", WIFSIGNALED(status) ? WTERMSIG(status) : -1, 9);
  check("mem_alloc(destroyed child)", syscall_mem_alloc(child, PAGE1, PTE_W), -E_BAD_ENV);
  syscall_mem_unmap(0, PAGE2);

  /* checkperm from a child, and faults that kill only the child */
  check("child: parent and kinit are not its children", in_child(touch_parent), 0);
  status = in_child(write_readonly);
  check("write to a read-only mapping kills the child (SIGSEGV)", WIFSIGNALED(status) ? WTERMSIG(status) : -1, 11);
  status = in_child(write_window);
  check("write to the vpt window kills the child (SIGSEGV)", WIFSIGNALED(status) ? WTERMSIG(status) : -1, 11);
  status = in_child(write_envs);
  check("write to UENVS kills the child (SIGSEGV)", WIFSIGNALED(status) ? WTERMSIG(status) : -1, 11);

  debugf("%s mos_mem\n", bad ? "FAIL" : "PASS");
  return bad;
}
