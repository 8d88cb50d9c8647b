/*
 * mos.c -- Beihang MOS lab 4 on this kernel: envs, the MOS system calls,
 * user-level copy-on-write and the read-only windows.
 *
 * Every task has an env record (envs[pid]) with a MOS envid, formed as MOS
 * forms it: (++counter << (1 + LOG2NENV)) | slot, so the idle task is 0x800,
 * kinit 0x1001 and the first program 0x1802. The calls (a7 =
 * MOS_SYSCALL_BASE + MOS number, see mos/abi.h) run beside the Linux-style
 * ones and keep MOS's semantics and error codes; unlike the course, perm is
 * checked (only V R W X U COW LIBRARY).
 *
 * An env's status lives beside the scheduler's state: NOT_RUNNABLE puts a
 * runnable task to sleep (mos_slept remembers why), RUNNABLE wakes it, and a
 * task that sleeps in the kernel (wait4, read) when it becomes NOT_RUNNABLE
 * stays asleep after its wakeup until it is RUNNABLE again.
 *
 * exofork makes a child with the parent's trap frame (a0 = 0), a copy of its
 * VMAs (so untouched pages are still paged in on demand) and no pages at
 * all: the user library's fork maps them with mem_map. No kernel COW.
 *
 * User COW: a store to a present, read-only PTE with PTE_COW goes to the
 * env's handler: the trap frame is copied below UXSTACKTOP (or below the
 * current sp when already on that stack), a0 = sp = the copy, sepc = the
 * handler. Without a handler only the process is killed.
 *
 * Windows: on its first MOS call a process gets root entry 256 (UWINDOW):
 * each of its page-table pages mapped R+U at UVPT / UVPD / UVPG, and the
 * env records at UENVS. walk() reports every new user table, so the windows
 * stay exact; pgd_free tears them down. Window leaves are aliases of page
 * tables and of kernel data: they take no reference.
 */
#include "defs.h"
#include "errno.h"
#include "signal.h"
#include "riscv.h"
#include "lab.h"
#include "sbi.h"
#include "mos/abi.h"

struct Env envs[NENV_SLOTS] __attribute__((aligned(4096)));
static uint32 env_counter;

_Static_assert(sizeof(struct Env) * NENV_SLOTS == PGSIZE, "envs fill exactly the UENVS page");
_Static_assert(NENV_SLOTS == NR_TASKS, "one env slot per pid");
_Static_assert(MOS_PGSIZE == PGSIZE, "one page size");
_Static_assert(sizeof(struct Trapframe) == sizeof(struct pt_regs), "Trapframe is pt_regs");
_Static_assert(__builtin_offsetof(struct Trapframe, sepc) == __builtin_offsetof(struct pt_regs, sepc), "sepc");
_Static_assert(__builtin_offsetof(struct Trapframe, stval) == __builtin_offsetof(struct pt_regs, stval), "stval");
_Static_assert(UTOP == USER_END && USTACKTOP == USER_END, "the user half ends at UTOP");
_Static_assert(UXSTACKTOP + PGSIZE <= USER_END - USER_STACK_SIZE, "guard page between the two stacks");
_Static_assert(UXSTACKTOP - PGSIZE >= MMAP_BASE, "exception stack above the mmap base");
_Static_assert(((UWINDOW >> 30) & 0x1ff) == 256 && ((UWINDOW_END - 1) >> 30) == (UWINDOW >> 30), "one root entry");
_Static_assert(((VM_START >> 30) & 0x1ff) > 256, "the kernel never uses root entry 256");
_Static_assert(MOS_PERM_MASK == (PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_COW | PTE_LIBRARY), "perm mask");

#define WINDOW_ROOT 256
#define WINDOW_PERM (PTE_R | PTE_U | PTE_A)

static struct Env *env_of(struct task_struct *t) { return &envs[t->pid]; }

uint32 mos_envid(struct task_struct *t) { return env_of(t)->env_id; }

/* Gives a new task (t->parent set) its env record and envid; mos_env_report traces it. */
void mos_env_new(struct task_struct *t) {
  struct Env *e = env_of(t);
  memset(e, 0, sizeof *e);
  e->env_id = (++env_counter << (1 + LOG2NENV)) | (uint32)t->pid;
  e->env_parent_id = t->parent ? env_of(t->parent)->env_id : 0;
  e->env_status = ENV_RUNNABLE;
  e->env_pid = (uint32)t->pid;
  t->mos_slept = false;
}

void mos_env_report(struct task_struct *t) {
  struct Env *e = env_of(t);
  lab_trace(LAB_ENV, (uint64)t->pid, e->env_id, e->env_parent_id, 0, 0, 0);
}

/* At exit: the envid no longer names anyone (envid2env gives -E_BAD_ENV). */
void mos_env_exit(struct task_struct *t) {
  struct Env *e = env_of(t);
  e->env_status = ENV_FREE;
  e->env_ipc_recving = 0;
}

/* execve keeps the env but not the old program's handler or IPC state. */
void mos_env_exec(struct task_struct *t) {
  struct Env *e = env_of(t);
  e->env_user_tlb_mod_entry = 0;
  e->env_ipc_recving = 0;
  e->env_ipc_dstva = 0;
}

bool mos_env_runnable(struct task_struct *t) { return env_of(t)->env_status == ENV_RUNNABLE; }

void mos_env_ran(struct task_struct *t) { env_of(t)->env_runs++; }

static void env_set_status(struct task_struct *t, uint32 status) {
  struct Env *e = env_of(t);
  if (e->env_status == status || e->env_status == ENV_FREE)
    return;
  e->env_status = status;
  lab_trace(LAB_ENV_STATUS, (uint64)t->pid, status, e->env_id, 0, 0, 0);
  if (status == ENV_NOT_RUNNABLE) {
    if (t->state == TASK_RUNNING) {
      t->mos_slept = true;
      set_state(t, TASK_SLEEPING);
    }
  } else if (t->mos_slept) {
    t->mos_slept = false;
    if (t->state == TASK_SLEEPING)
      set_state(t, TASK_RUNNING);
  }
}

/* MOS's envid2env: 0 is the caller; with checkperm the target must be the caller or its child. */
static int envid2env(uint64 id, struct task_struct **out, bool checkperm) {
  uint32 envid = (uint32)id;
  struct task_struct *t;
  struct Env *e;
  if (envid == 0) {
    *out = current;
    return 0;
  }
  if (ENVX(envid) >= NENV_SLOTS)
    return -E_BAD_ENV;
  t = task[ENVX(envid)];
  e = &envs[ENVX(envid)];
  if (t == NULL || e->env_status == ENV_FREE || e->env_id != envid)
    return -E_BAD_ENV;
  if (checkperm && t != current && e->env_parent_id != env_of(current)->env_id)
    return -E_BAD_ENV;
  *out = t;
  return 0;
}

/* Targets of memory calls need an address space (kernel threads have none). */
static int envid2user(uint64 id, struct task_struct **out, bool checkperm) {
  int r = envid2env(id, out, checkperm);
  if (r == 0 && (*out)->mm.pgd == NULL)
    return -E_BAD_ENV;
  return r;
}

static bool illegal_va(uint64 va) { return va < UTEMP || va >= UTOP; }

/* The PTE a MOS perm becomes: always readable and user, A (and D when writable) preset. */
static uint64 pte_perm(uint64 perm) {
  uint64 p = (perm & (PTE_W | PTE_X | PTE_COW | PTE_LIBRARY)) | PTE_V | PTE_R | PTE_U | PTE_A;
  if (p & PTE_W)
    p |= PTE_D;
  return p;
}

/*
 * Maps frame pa at va in t (replacing what was there). fresh: pa's first
 * reference is handed over; otherwise the mapping takes a new one.
 */
static int page_insert(struct task_struct *t, uint64 va, uint64 pa, uint64 perm, bool fresh) {
  pte_t *pte = walk(t->mm.pgd, va, true);
  if (pte == NULL)
    return -E_NO_MEM;
  if ((*pte & PTE_V) && PTE2PA(*pte) == pa) {
    if (fresh)
      put_page(pa); /* cannot happen for a new frame; keeps the count honest */
  } else {
    uint64 old = (*pte & PTE_V) ? PTE2PA(*pte) : 0;
    if (!fresh)
      get_page(pa);
    *pte = 0;
    if (old)
      put_page(old);
  }
  *pte = PA2PTE(pa) | pte_perm(perm);
  sfence_vma_addr(va);
  return 0;
}

/* ---- the read-only windows ---- */

static void window_map(pagetable_t pgd, uint64 wva, uint64 pa) {
  pte_t *pte = walk(pgd, wva, true);
  if (pte == NULL)
    return; /* out of memory: that window page stays absent (a read faults) */
  *pte = PA2PTE(pa) | WINDOW_PERM | PTE_V;
  sfence_vma_addr(wva);
}

/* Maps the windows into t's address space if it has none yet. */
void mos_window_attach(struct task_struct *t) {
  pagetable_t pgd = t->mm.pgd;
  if (pgd == NULL || (pgd[WINDOW_ROOT] & PTE_V))
    return;
  window_map(pgd, UVPG, VA2PA(pgd));
  window_map(pgd, UENVS, VA2PA(envs));
  for (uint64 i = 0; i < 256; i++) {
    pagetable_t l1;
    if (!(pgd[i] & PTE_V))
      continue;
    window_map(pgd, UVPD + i * PGSIZE, PTE2PA(pgd[i]));
    l1 = (pagetable_t)PA2VA(PTE2PA(pgd[i]));
    for (uint64 j = 0; j < 512; j++)
      if (l1[j] & PTE_V)
        window_map(pgd, UVPT + ((i << 9) | j) * PGSIZE, PTE2PA(l1[j]));
  }
}

/* walk() made a new table for user va at this level (2: a level-1 table, 1: a level-0 table). */
void mos_window_table(pagetable_t pgd, uint64 va, int level, uint64 pa) {
  if (va >= USER_END || !(pgd[WINDOW_ROOT] & PTE_V))
    return;
  if (level == 2)
    window_map(pgd, UVPD + VPN(va, 2) * PGSIZE, pa);
  else
    window_map(pgd, UVPT + ((VPN(va, 2) << 9) | VPN(va, 1)) * PGSIZE, pa);
}

/* Frees the window's own tables (the leaves are aliases: no reference to drop). */
void mos_window_free(pagetable_t pgd) {
  pagetable_t l1;
  if (!(pgd[WINDOW_ROOT] & PTE_V))
    return;
  l1 = (pagetable_t)PA2VA(PTE2PA(pgd[WINDOW_ROOT]));
  for (int j = 0; j < 512; j++)
    if (l1[j] & PTE_V)
      put_page(PTE2PA(l1[j]));
  put_page(PTE2PA(pgd[WINDOW_ROOT]));
  pgd[WINDOW_ROOT] = 0;
}

/* ---- faults MOS handles: user COW and the windows ---- */

static void kill_fault(struct pt_regs *regs, const char *why) {
  printk("[PID = %d] killed: %s at 0x%lx (%s), pc 0x%lx\n", current->pid, fault_cause_name(regs->scause), regs->stval,
         why, regs->sepc);
  lab_trace(LAB_FAULT, (uint64)current->pid, regs->stval, regs->scause, FAULT_KILLED, 0, 0);
  kill_current(SIGSEGV);
}

/* Returns true when the fault was MOS's (handed to the user handler); kills on a bad one. */
bool mos_page_fault(struct pt_regs *regs) {
  uint64 addr = regs->stval, entry, sp;
  pagetable_t pgd = current->mm.pgd;
  struct Env *e = env_of(current);
  pte_t *pte;

  if (addr >= UWINDOW && addr < UWINDOW_END) {
    if (regs->scause == EXC_LOAD_PAGE_FAULT && !(pgd[WINDOW_ROOT] & PTE_V)) {
      mos_window_attach(current); /* read before the first MOS call */
      pte = walk(pgd, addr, false);
      if (pte && (*pte & PTE_V))
        return true;
    }
    kill_fault(regs, regs->scause == EXC_STORE_PAGE_FAULT ? "read-only MOS window" : "not mapped in the MOS window");
  }
  if (regs->scause != EXC_STORE_PAGE_FAULT || addr >= USER_END)
    return false;
  pte = walk(pgd, addr, false);
  if (pte == NULL || !(*pte & PTE_V) || (*pte & PTE_W) || !(*pte & PTE_COW))
    return false;

  entry = e->env_user_tlb_mod_entry;
  if (entry == 0)
    kill_fault(regs, "PTE_COW page, no COW handler registered");
  sp = regs->x[2];
  if (sp < UXSTACKTOP - PGSIZE || sp > UXSTACKTOP)
    sp = UXSTACKTOP;
  sp = (sp - sizeof(struct Trapframe)) & ~15UL;
  if (sp < UXSTACKTOP - PGSIZE)
    kill_fault(regs, "COW fault overflows the exception stack");
  if (copy_to_user(sp, regs, sizeof(struct Trapframe)) < 0)
    kill_fault(regs, "no user exception stack");
  lab_trace(LAB_USER_FAULT, (uint64)current->pid, addr, PTE2PA(*pte), entry, sp, 0);
  regs->x[10] = sp;
  regs->x[2] = sp;
  regs->sepc = entry;
  return true;
}

/* ---- the calls ---- */

static long sys_putchar(uint64 c) {
  char ch = (char)c;
  sbi_console_write(&ch, 1);
  return 0;
}

static long sys_print_cons(uint64 s, uint64 num) {
  char k[256];
  if (s + num > UTOP || s >= UTOP || s > s + num)
    return -E_INVAL;
  while (num > 0) {
    uint64 chunk = num > sizeof k ? sizeof k : num;
    if (copy_from_user(k, s, chunk) < 0)
      return -E_INVAL;
    sbi_console_write(k, chunk);
    s += chunk;
    num -= chunk;
  }
  return 0;
}

static long sys_yield(void) {
  current->counter = 0;
  schedule();
  return 0;
}

/* A destroyed task runs this when next scheduled: its old kernel stack is abandoned. */
static void destroyed_task_entry(void) { kill_current(SIGKILL); }

static long sys_env_destroy(uint64 envid) {
  struct task_struct *t;
  int r = envid2env(envid, &t, true);
  if (r < 0)
    return r;
  printk("[%08x] destroying %08x\n", env_of(current)->env_id, env_of(t)->env_id);
  if (t == current)
    do_exit(0);
  /* t is switched out inside schedule(), holding nothing: restart it in the exit path. */
  list_del(&t->wait_node);
  t->wake_tick = 0;
  t->mos_slept = false;
  env_of(t)->env_status = ENV_RUNNABLE;
  env_of(t)->env_ipc_recving = 0;
  t->thread.ra = (uint64)destroyed_task_entry;
  t->thread.sp = (uint64)task_pt_regs(t);
  if (t->state == TASK_SLEEPING)
    set_state(t, TASK_RUNNING);
  return 0;
}

static long sys_set_tlb_mod_entry(uint64 envid, uint64 func) {
  struct task_struct *t;
  int r = envid2user(envid, &t, true);
  if (r < 0)
    return r;
  env_of(t)->env_user_tlb_mod_entry = func;
  /* The exception stack: one demand-paged page (a VMA, so mmap never takes it). */
  if (func && find_vma(&t->mm, UXSTACKTOP - PGSIZE) == NULL)
    do_mmap(&t->mm, UXSTACKTOP - PGSIZE, PGSIZE, VM_ANON | VM_READ | VM_WRITE, VMA_OTHER, NULL, 0, 0);
  return 0;
}

static long sys_mem_alloc(uint64 envid, uint64 va, uint64 perm) {
  struct task_struct *t;
  uint64 pa;
  int r;
  if (illegal_va(va) || (perm & ~MOS_PERM_MASK))
    return -E_INVAL;
  r = envid2user(envid, &t, true);
  if (r < 0)
    return r;
  va = PGROUNDDOWN(va);
  pa = alloc_page(USE_USER);
  if (pa == 0)
    return -E_NO_MEM;
  r = page_insert(t, va, pa, perm, true);
  if (r < 0) {
    put_page(pa);
    return r;
  }
  lab_trace(LAB_MEM, (uint64)current->pid, (uint64)t->pid, va, SYS_mem_alloc, pa, pte_perm(perm));
  return 0;
}

static long sys_mem_map(uint64 srcid, uint64 srcva, uint64 dstid, uint64 dstva, uint64 perm) {
  struct task_struct *src, *dst;
  pte_t *pte;
  uint64 pa;
  int r;
  if (illegal_va(srcva) || illegal_va(dstva) || (perm & ~MOS_PERM_MASK))
    return -E_INVAL;
  if ((r = envid2user(srcid, &src, true)) < 0 || (r = envid2user(dstid, &dst, true)) < 0)
    return r;
  srcva = PGROUNDDOWN(srcva);
  dstva = PGROUNDDOWN(dstva);
  pte = walk(src->mm.pgd, srcva, false);
  if (pte == NULL || !(*pte & PTE_V))
    return -E_INVAL;
  pa = PTE2PA(*pte);
  r = page_insert(dst, dstva, pa, perm, false);
  if (r < 0)
    return r;
  lab_trace(LAB_MEM, (uint64)current->pid, (uint64)dst->pid, dstva, SYS_mem_map, pa, pte_perm(perm));
  return 0;
}

static long sys_mem_unmap(uint64 envid, uint64 va) {
  struct task_struct *t;
  pte_t *pte;
  int r;
  if (illegal_va(va))
    return -E_INVAL;
  r = envid2user(envid, &t, true);
  if (r < 0)
    return r;
  va = PGROUNDDOWN(va);
  pte = walk(t->mm.pgd, va, false);
  if (pte && (*pte & PTE_V)) {
    uint64 pa = PTE2PA(*pte);
    *pte = 0;
    sfence_vma_addr(va);
    put_page(pa);
  }
  lab_trace(LAB_MEM, (uint64)current->pid, (uint64)t->pid, va, SYS_mem_unmap, 0, 0);
  return 0;
}

static long sys_exofork(struct pt_regs *regs) {
  int err;
  struct task_struct *t = alloc_task(&err);
  struct pt_regs *child_regs;
  struct Env *e;
  if (t == NULL)
    return err == -EAGAIN ? -E_NO_FREE_ENV : -E_NO_MEM;
  t->parent = current;
  safe_strcpy(t->name, current->name, sizeof t->name);
  t->mm.pgd = pgd_create();
  if (t->mm.pgd == NULL) {
    free_task(t);
    return -E_NO_MEM;
  }
  mos_env_new(t);
  e = env_of(t);
  lab_trace(LAB_EXOFORK, (uint64)current->pid, (uint64)t->pid, VA2PA(t->mm.pgd), e->env_id, 0, 0);
  mos_env_report(t);
  if (copy_vma(&t->mm, &current->mm) < 0) {
    mm_release(&t->mm);
    mos_env_exit(t);
    lab_trace(LAB_STATE, (uint64)t->pid, LAB_DEAD, 0, 0, 0, 0);
    free_task(t);
    return -E_NO_MEM;
  }
  mos_window_attach(t);
  child_regs = task_pt_regs(t);
  *child_regs = *regs;
  child_regs->x[10] = 0;
  t->thread.ra = (uint64)__ret_from_fork;
  t->thread.sp = (uint64)child_regs;
  e->env_status = ENV_NOT_RUNNABLE;
  t->mos_slept = true;
  set_state(t, TASK_SLEEPING);
  lab_trace(LAB_ENV_STATUS, (uint64)t->pid, ENV_NOT_RUNNABLE, e->env_id, 0, 0, 0);
  return e->env_id;
}

static long sys_set_env_status(uint64 envid, uint64 status) {
  struct task_struct *t;
  int r;
  if (status != ENV_RUNNABLE && status != ENV_NOT_RUNNABLE)
    return -E_INVAL;
  r = envid2env(envid, &t, true);
  if (r < 0)
    return r;
  env_set_status(t, (uint32)status);
  if (t == current && status == ENV_NOT_RUNNABLE)
    schedule();
  return 0;
}

static long sys_set_trapframe(struct pt_regs *regs, uint64 envid, uint64 utf) {
  struct Trapframe tf;
  struct task_struct *t;
  struct pt_regs *dst;
  int r;
  if (utf < UTEMP || utf + sizeof tf > UTOP || utf + sizeof tf < utf)
    return -E_INVAL;
  r = envid2user(envid, &t, true);
  if (r < 0)
    return r;
  if (copy_from_user(&tf, utf, sizeof tf) < 0)
    return -E_INVAL;
  dst = t == current ? regs : task_pt_regs(t);
  for (int i = 1; i < 32; i++)
    dst->x[i] = tf.regs[i];
  dst->sepc = tf.sepc; /* sstatus stays the kernel's: the frame cannot ask for S-mode */
  return t == current ? (long)tf.regs[10] : 0; /* the caller's a0 is the frame's */
}

/* MOS panics the kernel here; ForkLab ends only the caller, with the message. */
static long sys_panic(uint64 umsg) {
  char msg[128];
  int n = strncpy_from_user(msg, umsg, sizeof msg);
  if (n < 0)
    safe_strcpy(msg, n == -E2BIG ? "(message too long)" : "(bad message pointer)", sizeof msg);
  printk("[%08x] panic: %s\n", env_of(current)->env_id, msg);
  kill_current(SIGKILL);
}

static long sys_ipc_try_send(uint64 envid, uint64 value, uint64 srcva, uint64 perm) {
  struct task_struct *t;
  struct Env *e;
  uint64 pa = 0, dstva = 0, installed = 0;
  int r;
  if ((srcva != 0 && illegal_va(srcva)) || (perm & ~MOS_PERM_MASK))
    return -E_INVAL;
  r = envid2env(envid, &t, false);
  if (r < 0)
    return r;
  e = env_of(t);
  if (!e->env_ipc_recving)
    return -E_IPC_NOT_RECV;
  if (srcva != 0) {
    pte_t *pte = walk(current->mm.pgd, PGROUNDDOWN(srcva), false);
    if (pte == NULL || !(*pte & PTE_V))
      return -E_INVAL;
    if (e->env_ipc_dstva != 0) {
      pa = PTE2PA(*pte);
      dstva = PGROUNDDOWN(e->env_ipc_dstva);
      r = page_insert(t, dstva, pa, perm, false);
      if (r < 0)
        return r;
      installed = pte_perm(perm);
    }
  }
  e->env_ipc_value = (uint32)value;
  e->env_ipc_from = env_of(current)->env_id;
  e->env_ipc_perm = (uint32)installed;
  e->env_ipc_recving = 0;
  lab_trace(LAB_IPC_SEND, (uint64)current->pid, (uint64)t->pid, (uint32)value, dstva, installed, pa);
  env_set_status(t, ENV_RUNNABLE);
  return 0;
}

static long sys_ipc_recv(uint64 dstva) {
  struct Env *e = env_of(current);
  if (dstva != 0 && illegal_va(dstva))
    return -E_INVAL;
  e->env_ipc_recving = 1;
  e->env_ipc_dstva = dstva;
  lab_trace(LAB_IPC_RECV, (uint64)current->pid, dstva, 0, 0, 0, 0);
  env_set_status(current, ENV_NOT_RUNNABLE);
  schedule();
  return 0;
}

static long sys_cgetc(void) {
  int c;
  while ((c = sbi_console_getchar()) < 0)
    sleep_ticks(1);
  return c;
}

/* The MOS half of the dispatcher: n = a7 - MOS_SYSCALL_BASE. */
long mos_syscall(struct pt_regs *regs, uint64 n) {
  uint64 *a = &regs->x[10];
  mos_window_attach(current);
  switch (n) {
  case SYS_putchar: return sys_putchar(a[0]);
  case SYS_print_cons: return sys_print_cons(a[0], a[1]);
  case SYS_getenvid: return env_of(current)->env_id;
  case SYS_yield: return sys_yield();
  case SYS_env_destroy: return sys_env_destroy(a[0]);
  case SYS_set_tlb_mod_entry: return sys_set_tlb_mod_entry(a[0], a[1]);
  case SYS_mem_alloc: return sys_mem_alloc(a[0], a[1], a[2]);
  case SYS_mem_map: return sys_mem_map(a[0], a[1], a[2], a[3], a[4]);
  case SYS_mem_unmap: return sys_mem_unmap(a[0], a[1]);
  case SYS_exofork: return sys_exofork(regs);
  case SYS_set_env_status: return sys_set_env_status(a[0], a[1]);
  case SYS_set_trapframe: return sys_set_trapframe(regs, a[0], a[1]);
  case SYS_panic: return sys_panic(a[0]);
  case SYS_ipc_try_send: return sys_ipc_try_send(a[0], a[1], a[2], a[3]);
  case SYS_ipc_recv: return sys_ipc_recv(a[0]);
  case SYS_cgetc: return sys_cgetc();
  default: return -E_NO_SYS;
  }
}
