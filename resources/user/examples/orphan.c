/*
 * orphan.c -- a parent that exits before its child. The kernel gives the
 * orphan to kinit (pid 1), so getppid() changes to 1, and kinit reaps it
 * when it exits. Also shows wait4's WNOHANG: "no child has exited yet".
 */
#include <stdio.h>
#include <unistd.h>
#include <sched.h>
#include <sys/wait.h>

int main(void) {
  int status;
  pid_t pid = fork();
  if (pid == 0) {
    pid_t parent = getppid();
    pid_t me = getpid();
    pid_t child = fork();
    if (child == 0) {
      while (getppid() == me)
        sched_yield(); /* wait until our parent is gone */
      printf("orphan: grandchild's parent is now [PID = %d]\n", getppid());
      return 0;
    }
    printf("orphan: child [PID = %d] of [PID = %d] leaves its child [PID = %d] behind\n", getpid(), parent, child);
    printf("orphan: waitpid with WNOHANG returned %d\n", waitpid(child, &status, WNOHANG));
    return 0;
  }
  waitpid(pid, &status, 0);
  return 0;
}
