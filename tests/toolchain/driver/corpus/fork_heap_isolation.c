#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
  char *buf = malloc(8192);
  memset(buf, 'p', 8192);
  pid_t p = fork();
  if (p == 0) {
    memset(buf + 4096, 'c', 4096);
    char *more = malloc(100);
    strcpy(more, "child-only");
    printf("child: %c %c %s\n", buf[0], buf[5000], more);
    _exit(0);
  }
  waitpid(p, NULL, 0);
  printf("parent: %c %c\n", buf[0], buf[5000]);
  return buf[5000] == 'p';
}
