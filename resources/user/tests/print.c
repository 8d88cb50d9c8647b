/*
 * print.c -- lab test: a looping printer, run as several copies at once
 * (apps=print*3) next to a kernel thread. The timer preempts it in the
 * middle of its busy loops; afterwards it checks that nothing it owns
 * (globals, locals, its pid) changed while other tasks ran.
 */
#include <stdio.h>
#include <unistd.h>

#define ROUNDS 5
#define SPIN 100000

static int rounds_done;

int main(void) {
  int pid = getpid();
  long work = 0;
  for (int i = 0; i < ROUNDS; i++) {
    printf("[U] print [PID = %d] round %d\n", pid, i);
    for (volatile long spin = 0; spin < SPIN; spin++)
      work++;
    rounds_done++;
  }
  if (rounds_done != ROUNDS || work != (long)ROUNDS * SPIN) {
    printf("FAIL print: counters are %d and %ld after preemption\n", rounds_done, work);
    return 1;
  }
  if (getpid() != pid) {
    printf("FAIL print: getpid changed from %d to %d\n", pid, getpid());
    return 1;
  }
  printf("PASS print\n");
  return 0;
}
