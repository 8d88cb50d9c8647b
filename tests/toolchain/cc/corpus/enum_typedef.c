#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { RUNNING, READY = 5, BLOCKED, ZOMBIE = -1 } pstate;
typedef struct proc { int pid; pstate state; struct proc *parent; } proc_t;
const char *name(pstate s) { switch (s) { case RUNNING: return "running"; case READY: return "ready"; case BLOCKED: return "blocked"; default: return "zombie"; } }
int main(void) {
  proc_t init = {1, RUNNING, 0}, sh = {2, READY, &init}, child = {3, BLOCKED, &sh}, dead = {4, ZOMBIE, &sh};
  proc_t *all[] = {&init, &sh, &child, &dead};
  for (int i = 0; i < 4; i++) printf("pid %d %s (%d) parent %d\n", all[i]->pid, name(all[i]->state), all[i]->state, all[i]->parent ? all[i]->parent->pid : 0);
  printf("%d\n", (int)sizeof(pstate));
  return 0;
}
