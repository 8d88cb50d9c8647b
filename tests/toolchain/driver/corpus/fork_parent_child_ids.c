#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  pid_t me = getpid();
  pid_t child = fork();
  if (child == 0) {
    int ok = getppid() == me && getpid() != me;
    printf("child sees parent correctly: %d\n", ok);
    _exit(ok ? 11 : 12);
  }
  int st;
  pid_t got = wait(&st);
  printf("wait returned the child: %d, status %d\n", got == child, WEXITSTATUS(st));
  return WEXITSTATUS(st);
}
