/*
 * usertests.c -- system call tests in xv6's style: a table of small
 * tests, each run in its own forked child, so one that crashes cannot take
 * the others along. Every test states what POSIX/Linux promise, and the
 * same binary passes under Linux (qemu-riscv64) too: Linux is the
 * reference. Ends with "PASS usertests" or "FAIL usertests: ...".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define CHECK(cond)                                            \
  do {                                                         \
    if (!(cond)) {                                             \
      printf("  check failed: %s (line %d)\n", #cond, __LINE__); \
      return 1;                                                \
    }                                                          \
  } while (0)

/* Runs fn in a child; returns the child's wait status. */
static int in_child(int (*fn)(void)) {
  int status = -1;
  pid_t pid = fork();
  if (pid == 0)
    _exit(fn());
  if (pid < 0 || waitpid(pid, &status, 0) != pid)
    return -1;
  return status;
}

static int exit_codes(void) {
  for (int code = 0; code < 256; code += 51) {
    int status = -1;
    pid_t pid = fork();
    if (pid == 0)
      exit(code);
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == code);
  }
  return 0;
}

static int wait_without_children(void) {
  int status;
  CHECK(wait(&status) == -1 && errno == ECHILD);
  CHECK(waitpid(getpid(), &status, 0) == -1 && errno == ECHILD);
  return 0;
}

static int parent_and_child_pids(void) {
  int status;
  pid_t me = getpid();
  pid_t pid = fork();
  if (pid == 0)
    _exit(getppid() == me ? 0 : 1);
  CHECK(pid > 0 && pid != me);
  CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 0);
  return 0;
}

static int many_children(void) {
  int status, reaped = 0;
  for (int i = 0; i < 20; i++) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
      _exit(i);
  }
  while (wait(&status) > 0)
    reaped++;
  CHECK(reaped == 20);
  return 0;
}

static int sbrk_grows_and_shrinks(void) {
  char *start = sbrk(0);
  char *p = sbrk(3 * 4096);
  CHECK(p == start);
  for (int i = 0; i < 3 * 4096; i += 512)
    p[i] = (char)i;
  CHECK(p[1024] == (char)1024);
  CHECK(sbrk(0) == start + 3 * 4096);
  CHECK(sbrk(-2 * 4096) == start + 3 * 4096);
  CHECK(sbrk(0) == start + 4096);
  p[100] = 1; /* the first page stays */
  return 0;
}

static int heap_is_copied_on_fork(void) {
  int status;
  char *p = malloc(10000);
  CHECK(p != NULL);
  memset(p, 'a', 10000);
  if (fork() == 0) {
    memset(p, 'b', 10000);
    _exit(p[9999] == 'b' ? 0 : 1);
  }
  wait(&status);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(p[0] == 'a' && p[9999] == 'a');
  return 0;
}

static int mmap_private_and_munmap_split(void) {
  char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(p != MAP_FAILED);
  CHECK(((unsigned long)p & 4095) == 0);
  CHECK(p[4 * 4096 - 1] == 0); /* anonymous memory starts zeroed */
  for (int i = 0; i < 4; i++)
    p[i * 4096] = (char)('0' + i);
  CHECK(munmap(p + 4096, 4096) == 0); /* a hole in the middle */
  CHECK(p[0] == '0' && p[2 * 4096] == '2' && p[3 * 4096] == '3');
  CHECK(munmap(p, 4 * 4096) == 0);
  return 0;
}

static int touch_unmapped(void) {
  char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(p, 4096);
  p[0] = 1; /* must kill us */
  return 0;
}

static int munmapped_page_faults(void) {
  int status = in_child(touch_unmapped);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11);
  return 0;
}

static int write_readonly_mapping(void) {
  volatile char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p[0] != 0) /* reading is fine */
    return 2;
  p[0] = 1;      /* writing is not */
  return 0;
}

static int readonly_mmap_faults_on_write(void) {
  int status = in_child(write_readonly_mapping);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11);
  return 0;
}

static int read_kernel(void) {
  volatile long *k = (long *)0xffffffd600200000UL; /* where the lab kernel's code lives */
  return (int)*k;
}

static int call_null(void) {
  int (*volatile fn)(void) = 0;
  return fn();
}

static int kernel_memory_and_null_calls_fault(void) {
  int status = in_child(read_kernel);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11);
  status = in_child(call_null);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11);
  return 0;
}

static int mmap_rejects_bad_arguments(void) {
  CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
  CHECK(mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
  CHECK(munmap((void *)0x10001, 4096) == -1 && errno == EINVAL);
  return 0;
}

static int shared_mapping_survives_fork(void) {
  int status;
  volatile long *shared = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(shared != MAP_FAILED);
  if (fork() == 0) {
    shared[0] = 42;
    shared[512] = 43; /* the second page, untouched before the fork */
    _exit(0);
  }
  wait(&status);
  CHECK(shared[0] == 42 && shared[512] == 43);
  return 0;
}

static int bad_pointers_give_efault(void) {
  int status;
  CHECK(write(1, (void *)8, 4) == -1 && errno == EFAULT);
  if (fork() == 0)
    _exit(0);
  CHECK(wait((int *)16) == -1 && errno == EFAULT);
  while (wait(&status) > 0)
    ;
  CHECK(execve((char *)24, NULL, NULL) == -1 && errno == EFAULT);
  return 0;
}

/* System calls copy to and from user memory across page boundaries, byte-exact. */
static int copy_across_pages(void) {
  char *base = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  const char *line = "usertests: (a line written across a page boundary)\n";
  int len = (int)strlen(line);
  int status;
  pid_t pid;
  CHECK(base != MAP_FAILED);
  memcpy(base + 4096 - 20, line, (size_t)len);
  CHECK(write(1, base + 4096 - 20, (size_t)len) == len);
  pid = fork();
  if (pid == 0)
    _exit(0x5a);
  CHECK(waitpid(pid, (int *)(base + 4096 - 2), 0) == pid); /* the int straddles both pages */
  memcpy(&status, base + 4096 - 2, sizeof status);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0x5a);
  return 0;
}

static int bad_descriptors(void) {
  CHECK(write(7, "x", 1) == -1 && errno == EBADF);
  CHECK(read(5, (void *)&errno, 1) == -1 && errno == EBADF);
  return 0;
}

static int exec_of_missing_program(void) {
  char *argv[] = {"no-such-program", NULL};
  CHECK(execve("no-such-program", argv, NULL) == -1 && errno == ENOENT);
  return 0;
}

static int yield_returns(void) {
  for (int i = 0; i < 10; i++)
    CHECK(sched_yield() == 0);
  return 0;
}

static int stack_grows_on_demand(void) {
  volatile char big[200 * 1024];
  big[0] = 1;
  big[sizeof big - 1] = 2;
  CHECK(big[0] + big[sizeof big - 1] == 3);
  return 0;
}

static struct test {
  int (*fn)(void);
  const char *name;
} tests[] = {
    {exit_codes, "exit_codes"},
    {wait_without_children, "wait_without_children"},
    {parent_and_child_pids, "parent_and_child_pids"},
    {many_children, "many_children"},
    {sbrk_grows_and_shrinks, "sbrk_grows_and_shrinks"},
    {heap_is_copied_on_fork, "heap_is_copied_on_fork"},
    {mmap_private_and_munmap_split, "mmap_private_and_munmap_split"},
    {munmapped_page_faults, "munmapped_page_faults"},
    {readonly_mmap_faults_on_write, "readonly_mmap_faults_on_write"},
    {kernel_memory_and_null_calls_fault, "kernel_memory_and_null_calls_fault"},
    {mmap_rejects_bad_arguments, "mmap_rejects_bad_arguments"},
    {shared_mapping_survives_fork, "shared_mapping_survives_fork"},
    {bad_pointers_give_efault, "bad_pointers_give_efault"},
    {copy_across_pages, "copy_across_pages"},
    {bad_descriptors, "bad_descriptors"},
    {exec_of_missing_program, "exec_of_missing_program"},
    {yield_returns, "yield_returns"},
    {stack_grows_on_demand, "stack_grows_on_demand"},
};

int main(void) {
  int failed = 0;
  int n = (int)(sizeof tests / sizeof tests[0]);
  for (int i = 0; i < n; i++) {
    int status = in_child(tests[i].fn);
    int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    printf("usertests: %s %s\n", tests[i].name, ok ? "ok" : "FAILED");
    failed += !ok;
  }
  if (failed)
    printf("FAIL usertests: %d of %d failed\n", failed, n);
  else
    printf("PASS usertests\n");
  return failed != 0;
}
