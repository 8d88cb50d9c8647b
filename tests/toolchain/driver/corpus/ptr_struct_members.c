#include <stdio.h>
#include <stddef.h>

struct task { int pid; char name[12]; struct task *parent; long flags; };

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

int main(void) {
  struct task init = {1, "init", NULL, 0};
  struct task sh = {2, "sh", &init, 5};
  long *fp = &sh.flags;
  struct task *back = container_of(fp, struct task, flags);
  char *np = sh.name;
  printf("%s parent=%s pid=%d same=%d\n", np, sh.parent->name, back->pid, back == &sh);
  int *pids[2] = {&init.pid, &sh.pid};
  *pids[1] += 40;
  return sh.pid;
}
