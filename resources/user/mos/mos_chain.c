/*
 * mos_chain -- a fork chain: each process forks the next, eight deep. Each
 * checks that its env record names its parent (env->env_parent_id), prints
 * its level MOS-style and passes its child's verdict up as its exit status.
 */
#include <lib.h>
#include <sys/wait.h>

#define DEPTH 8

int level; /* bss: COW-copied on the first write after each fork */

int main(void) {
  int status = 0, bad = 0, child;
  u_int parent = 0;
  for (;;) {
    debugf("[%x] chain level %d, parent %x\n", syscall_getenvid(), level, env->env_parent_id);
    if (level > 0 && env->env_parent_id != parent)
      bad = 1;
    if (level == DEPTH)
      return bad;
    parent = syscall_getenvid();
    child = fork();
    if (child < 0) {
      debugf("fork: %d\n", child);
      return 1;
    }
    if (child != 0)
      break;
    level++;
  }
  wait(&status);
  bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  if (level == 0) {
    debugf("%s mos_chain\n", bad ? "FAIL" : "PASS");
    return bad;
  }
  return bad;
}
