/* Each of 3 rounds doubles the processes; every process reports 1 + its descendants. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  int mine = 1;
  pid_t kids[3];
  int nkids = 0;
  for (int r = 0; r < 3; r++) {
    pid_t p = fork();
    if (p == 0) { nkids = 0; mine = 1; continue; }
    kids[nkids++] = p;
  }
  for (int i = 0; i < nkids; i++) {
    int st;
    waitpid(kids[i], &st, 0);
    mine += WEXITSTATUS(st);
  }
  if (getppid() != 0 && nkids == 3) printf("root subtree has %d processes\n", mine);
  return mine;
}
