/* unistd.h -- process and I/O system calls. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

pid_t fork(void);
pid_t getpid(void);
pid_t getppid(void);
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
void _exit(int status);
int brk(void *addr);
void *sbrk(long increment);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int sched_yield(void);
unsigned int sleep(unsigned int seconds);

/* The raw system call: returns the kernel's value (negative errno on error). */
long __syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);

#endif
