/*
 * unistd.c -- C wrappers over __syscall (syscall.S).
 *
 * Numbers are Linux's generic ones, so the same binaries run on the ForkLab
 * kernel and under qemu-riscv64. The kernel returns -errno on failure;
 * wrappers store it in errno and return -1, as POSIX promises.
 */
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>
#include <sys/mman.h>

#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_nanosleep 101
#define SYS_sched_yield 124
#define SYS_getpid 172
#define SYS_getppid 173
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_clone 220
#define SYS_execve 221
#define SYS_mmap 222
#define SYS_wait4 260

#define SIGCHLD 17

static long check(long r) {
  if (r < 0 && r > -4096) {
    errno = (int)-r;
    return -1;
  }
  return r;
}

ssize_t read(int fd, void *buf, size_t count) {
  return check(__syscall(SYS_read, fd, (long)buf, (long)count, 0, 0, 0));
}

ssize_t write(int fd, const void *buf, size_t count) {
  return check(__syscall(SYS_write, fd, (long)buf, (long)count, 0, 0, 0));
}

void _exit(int status) {
  for (;;)
    __syscall(SYS_exit, status, 0, 0, 0, 0, 0);
}

/* fork is clone with only the "tell my parent with SIGCHLD" flag, as in Linux. */
pid_t fork(void) {
  return (pid_t)check(__syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0));
}

pid_t getpid(void) {
  return (pid_t)__syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
}

pid_t getppid(void) {
  return (pid_t)__syscall(SYS_getppid, 0, 0, 0, 0, 0, 0);
}

int sched_yield(void) {
  return (int)check(__syscall(SYS_sched_yield, 0, 0, 0, 0, 0, 0));
}

pid_t waitpid(pid_t pid, int *status, int options) {
  return (pid_t)check(__syscall(SYS_wait4, pid, (long)status, options, 0, 0, 0));
}

pid_t wait(int *status) {
  return waitpid(-1, status, 0);
}

int execve(const char *path, char *const argv[], char *const envp[]) {
  return (int)check(__syscall(SYS_execve, (long)path, (long)argv, (long)envp, 0, 0, 0));
}

int execv(const char *path, char *const argv[]) {
  return execve(path, argv, 0);
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset) {
  long r = __syscall(SYS_mmap, (long)addr, (long)length, prot, flags, fd, offset);
  if (r < 0 && r > -4096) {
    errno = (int)-r;
    return MAP_FAILED;
  }
  return (void *)r;
}

int munmap(void *addr, size_t length) {
  return (int)check(__syscall(SYS_munmap, (long)addr, (long)length, 0, 0, 0, 0));
}

/*
 * The brk system call returns the new break, or the old one when it could
 * not move. The current break is cached after the first query.
 */
static char *cur_brk;

int brk(void *addr) {
  char *r = (char *)__syscall(SYS_brk, (long)addr, 0, 0, 0, 0, 0);
  cur_brk = r;
  if (r != (char *)addr) {
    errno = ENOMEM;
    return -1;
  }
  return 0;
}

void *sbrk(long increment) {
  char *old;
  if (cur_brk == 0)
    cur_brk = (char *)__syscall(SYS_brk, 0, 0, 0, 0, 0, 0);
  old = cur_brk;
  if (increment == 0)
    return old;
  if (brk(old + increment) < 0)
    return (void *)-1;
  return old;
}

unsigned int sleep(unsigned int seconds) {
  long ts[2];
  ts[0] = seconds;
  ts[1] = 0;
  if (__syscall(SYS_nanosleep, (long)ts, 0, 0, 0, 0, 0) < 0)
    return seconds;
  return 0;
}
