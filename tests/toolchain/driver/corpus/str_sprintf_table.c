#include <stdio.h>
#include <string.h>

int main(void) {
  char table[256];
  char *p = table;
  const char *names[] = {"init", "sh", "cow-test"};
  int pids[] = {1, 12, 345};
  long pages[] = {3, 40, 1024};
  p += sprintf(p, "%-8s|%5s|%6s\n", "NAME", "PID", "PAGES");
  for (int i = 0; i < 3; i++) p += sprintf(p, "%-8s|%5d|%6ld\n", names[i], pids[i], pages[i]);
  fputs(table, stdout);
  return (int)strlen(table);
}
