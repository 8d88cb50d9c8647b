/*
 * mos_library -- fork plus IPC ping-pong, then one PTE_LIBRARY page handed
 * down two generations by IPC. The grandchild allocates the page and sends
 * it to the child, the child sends it to the parent: one frame mapped in
 * all three (LIBRARY pages stay shared and writable, fork does not COW
 * them). Each writes its mark; each then checks that it sees all three.
 */
#include <lib.h>
#include <sys/wait.h>

#define ROUNDS 4
#define PAGE_G ((char *)0x1000000000UL)
#define PAGE_C ((char *)0x1000400000UL)
#define PAGE_P ((char *)0x1000800000UL)

static int bad;

static void expect(int ok, const char *what) {
  if (!ok) {
    debugf("[%x] FAIL: %s\n", syscall_getenvid(), what);
    bad = 1;
  }
}

static int sees_all(const char *page) {
  return strcmp(page, "G") == 0 && strcmp(page + 16, "C") == 0 && strcmp(page + 32, "P") == 0;
}

int main(void) {
  u_int who, perm, v, parent_id = syscall_getenvid();
  int child = fork(), status;
  if (child != 0) {
    /* the parent: ping-pong with the child, then receive the page */
    for (u_int i = 0; i < ROUNDS; i++) {
      ipc_send(child, i, 0, 0);
      v = ipc_recv(&who, 0, 0);
      debugf("[%x] ping-pong: got %d from %x\n", syscall_getenvid(), v, who);
      expect(v == i + 100 && who == (u_int)child, "ping-pong answer");
    }
    v = ipc_recv(&who, PAGE_P, &perm);
    debugf("[%x] got page (value %d) from %x, perm %x\n", syscall_getenvid(), v, who, perm);
    expect(who == (u_int)child && (perm & PTE_LIBRARY) && (perm & PTE_W), "page from the child");
    expect(strcmp(PAGE_P, "G") == 0 && strcmp(PAGE_P + 16, "C") == 0, "marks of G and C");
    strcpy(PAGE_P + 32, "P");
    ipc_send(child, 3, 0, 0); /* tell the child: all three have written */
    wait(&status);
    expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child's verdict");
    expect(sees_all(PAGE_P), "all marks");
    debugf("%s mos_library\n", bad ? "FAIL" : "PASS");
    return bad;
  }
  /* the child: answer the ping-pong, fork the grandchild, relay the page */
  for (u_int i = 0; i < ROUNDS; i++) {
    v = ipc_recv(&who, 0, 0);
    expect(who == parent_id && v == i, "ping-pong value");
    ipc_send(who, v + 100, 0, 0);
  }
  u_int me = syscall_getenvid();
  int grandchild = fork();
  if (grandchild == 0) {
    expect(syscall_mem_alloc(0, PAGE_G, PTE_W | PTE_LIBRARY) == 0, "mem_alloc LIBRARY");
    strcpy(PAGE_G, "G");
    debugf("[%x] grandchild: sending the LIBRARY page to %x\n", syscall_getenvid(), me);
    ipc_send(me, 1, PAGE_G, PTE_W | PTE_LIBRARY);
    v = ipc_recv(&who, 0, 0);
    expect(v == 3 && who == me, "done from the child");
    expect(sees_all(PAGE_G), "grandchild sees all marks");
    debugf("[%x] grandchild sees \"%s\" \"%s\" \"%s\"\n", syscall_getenvid(), PAGE_G, PAGE_G + 16, PAGE_G + 32);
    return bad;
  }
  v = ipc_recv(&who, PAGE_C, &perm);
  debugf("[%x] got page (value %d) from %x, perm %x\n", me, v, who, perm);
  expect(who == (u_int)grandchild && (perm & PTE_LIBRARY), "page from the grandchild");
  expect(strcmp(PAGE_C, "G") == 0, "mark of G");
  strcpy(PAGE_C + 16, "C");
  ipc_send(parent_id, 2, PAGE_C, PTE_W | PTE_LIBRARY);
  v = ipc_recv(&who, 0, 0);
  expect(v == 3 && who == parent_id, "done from the parent");
  expect(sees_all(PAGE_C), "child sees all marks");
  ipc_send(grandchild, 3, 0, 0);
  wait(&status);
  expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "grandchild's verdict");
  return bad;
}
