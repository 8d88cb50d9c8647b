/*
 * signal.h -- the signal numbers the kernel reports in wait statuses
 * (Linux values). There is no signal delivery: a "killed by signal" status
 * only tells the parent why the kernel ended its child.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGKILL 9
#define SIGSEGV 11
#define SIGCHLD 17

#define WNOHANG 1

#endif
