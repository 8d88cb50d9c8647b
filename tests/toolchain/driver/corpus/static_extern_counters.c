#include <stdio.h>

static int calls;
int shared_total = 5;

static int next_id(void) {
  static int id = 100;
  calls++;
  return id++;
}

int main(void) {
  extern int shared_total;
  for (int i = 0; i < 4; i++) shared_total += next_id();
  printf("calls=%d total=%d last=%d\n", calls, shared_total, next_id());
  {
    int calls = -1;
    printf("inner calls=%d\n", calls);
  }
  return calls;
}
