#include <stdio.h>

typedef enum { RUNNING, READY, BLOCKED, ZOMBIE, NSTATES } state_t;
static const char *names[NSTATES] = {"running", "ready", "blocked", "zombie"};

static state_t step(state_t s, char ev) {
  switch (s) {
  case RUNNING: return ev == 'y' ? READY : ev == 'w' ? BLOCKED : ev == 'x' ? ZOMBIE : RUNNING;
  case READY: return ev == 's' ? RUNNING : READY;
  case BLOCKED: return ev == 'k' ? READY : BLOCKED;
  default: return s;
  }
}

int main(void) {
  state_t s = READY;
  const char *events = "sywksx";
  for (const char *e = events; *e; e++) { s = step(s, *e); printf("%c -> %s\n", *e, names[s]); }
  return (int)s;
}
