#include <stdio.h>
#include <string.h>

struct proc { char name[8]; int pid; int prio; };

int main(void) {
  struct proc ps[] = {{"sh", 3, 5}, {"init", 1, 1}, {"cow", 7, 3}, {"fib", 4, 3}, {"idle", 0, 9}};
  int n = sizeof ps / sizeof ps[0];
  for (int i = 0; i < n; i++)
    for (int j = 0; j + 1 < n - i; j++)
      if (ps[j].prio > ps[j + 1].prio || (ps[j].prio == ps[j + 1].prio && ps[j].pid > ps[j + 1].pid)) {
        struct proc t = ps[j]; ps[j] = ps[j + 1]; ps[j + 1] = t;
      }
  for (int i = 0; i < n; i++) printf("%-5s pid=%d prio=%d\n", ps[i].name, ps[i].pid, ps[i].prio);
  return ps[n - 1].pid + (int)strlen(ps[0].name);
}
