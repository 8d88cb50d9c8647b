/*
 * mos_ipc -- MOS lab 4's IPC ping-pong: parent and child count to 10 by
 * passing the number back and forth with ipc_send / ipc_recv (the receiver
 * blocks, NOT_RUNNABLE, until the value arrives). Each side checks the
 * numbers it got; the parent waits for the child and prints the verdict.
 */
#include <lib.h>
#include <sys/wait.h>

int main(void) {
  u_int who, i, me, peer, expect;
  int bad = 0, status = 0, parent;
  who = fork();
  parent = who != 0;
  me = syscall_getenvid();
  if (parent) {
    peer = who;
    debugf("@@@@@send 0 from %x to %x\n", me, who);
    ipc_send(who, 0, 0, 0);
    expect = 1;
  } else {
    expect = 0;
    peer = env->env_parent_id;
  }
  for (;;) {
    debugf("%x am waiting.....\n", me);
    i = ipc_recv(&who, 0, 0);
    debugf("%x got %d from %x\n", me, i, who);
    if (i != expect || who != peer)
      bad = 1;
    if (i == 10)
      break;
    i++;
    debugf("@@@@@send %d from %x to %x\n", i, me, who);
    ipc_send(who, i, 0, 0);
    if (i == 10)
      break;
    expect = i + 1;
  }
  if (!parent)
    return bad;
  wait(&status);
  if (bad || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    debugf("FAIL mos_ipc\n");
    return 1;
  }
  debugf("PASS mos_ipc\n");
  return 0;
}
