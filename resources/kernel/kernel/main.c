/*
 * main.c -- start_kernel and kinit, the lab's app runner.
 *
 * start_kernel brings the machine up in dependency order (firmware, device
 * tree, frames, the final page table, traps, tasks, initrd), starts kinit
 * (pid 1) and becomes the idle task.
 *
 * kinit reads the bootargs:
 *   apps=print*3,cow,fib,mfork   stages run one after another; "name*k"
 *                                starts k copies at once
 *   kthread=1                    a kernel thread runs alongside the first stage
 *   init=sh                      run one program (an interactive shell)
 * and waits for every child with wait4 (a completion underneath), like
 * the lab's start_kernel loop. When all are done it reports the frames
 * still in use and powers the machine off.
 */
#include "defs.h"
#include "riscv.h"
#include "sbi.h"

#define DEFAULT_APPS "print*3,cow,fib,mfork"

/* Copies the value of key=... from the bootargs into out; false when absent. */
static bool bootarg(const char *key, char *out, uint64 size) {
  const char *p = boot_info.bootargs;
  uint64 klen = strlen(key);
  while (*p) {
    while (*p == ' ')
      p++;
    if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
      uint64 n = 0;
      p += klen + 1;
      while (p[n] && p[n] != ' ' && n + 1 < size) {
        out[n] = p[n];
        n++;
      }
      out[n] = 0;
      return true;
    }
    while (*p && *p != ' ')
      p++;
  }
  return false;
}

/*
 * The demo kernel thread: works (a busy loop the timer may preempt, like
 * any task) and sleeps a tick between lines, so its lines interleave with
 * the user programs of the first stage.
 */
static int kdemo(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    printk("[K] kernel thread [PID = %d] tick %d\n", current->pid, i);
    for (volatile int spin = 0; spin < 100000; spin++)
      ;
    sleep_ticks(1);
  }
  return 0;
}

/* Waits until kinit has no children left (apps, their orphans, kernel threads). */
static void reap_all(void) {
  int status;
  long pid;
  while ((pid = do_wait4(-1, 0, 0, &status)) > 0)
    ;
}

/* Starts one stage: "name" or "name*k". */
static void run_stage(const char *spec) {
  char name[32];
  uint64 n = 0, copies = 1;
  while (spec[n] && spec[n] != '*' && n + 1 < sizeof name) {
    name[n] = spec[n];
    n++;
  }
  name[n] = 0;
  if (spec[n] == '*')
    copies = parse_uint(spec + n + 1, NULL);
  for (uint64 i = 0; i < copies; i++) {
    int pid = create_user_process(name);
    if (pid < 0) {
      printk("kinit: cannot start %s: error %d\n", name, -pid);
      break;
    }
  }
}

static int kinit(void *arg) {
  char apps[160], init[32], kthread[8];
  uint64 free_before, kmalloc_before;
  char *p;
  (void)arg;
  intr_save(); /* kinit only sleeps and waits; it never needs preemption */
  free_before = nr_free_pages();
  kmalloc_before = kmalloc_pages;

  if (bootarg("init", init, sizeof init)) {
    run_stage(init);
    reap_all();
  } else {
    if (!bootarg("apps", apps, sizeof apps))
      safe_strcpy(apps, DEFAULT_APPS, sizeof apps);
    if (bootarg("kthread", kthread, sizeof kthread) && kthread[0] == '1')
      kernel_thread(kdemo, NULL, "kdemo");
    p = apps;
    while (*p) {
      char *comma = p;
      while (*comma && *comma != ',')
        comma++;
      if (*comma) {
        *comma = 0;
        run_stage(p);
        p = comma + 1;
      } else {
        run_stage(p);
        p = comma;
      }
      reap_all();
    }
  }
  reap_all();
  printk("kinit: all apps done; frames in use by them: %lu\n",
         free_before - nr_free_pages() - (kmalloc_pages - kmalloc_before));
  printk("kinit: shutdown\n");
  sbi_shutdown(0);
  return 0;
}

void start_kernel(uint64 hartid, uint64 fdt_pa) {
  int apps;
  (void)hartid;
  sbi_init();
  fdt_parse(fdt_pa);
  printk("ForkLab lab kernel: %lu MiB RAM at %lx, bootargs \"%s\"\n", boot_info.mem_size >> 20,
         boot_info.mem_start, boot_info.bootargs);
  mm_init();
  setup_vm_final();
  trap_init();
  task_init();
  apps = initrd_init();
  if (apps < 0)
    printk("initrd: none\n");
  else
    printk("initrd: %d apps\n", apps);
  kernel_thread(kinit, NULL, "kinit");
  cpu_idle();
}
