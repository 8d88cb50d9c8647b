#include <stdio.h>

int main(void) {
  const char *script = "aabqx";
  int state = 0, steps = 0;
  const char *p = script;
  do {
    char c = *p++;
    steps++;
    switch (c) {
    case 'a': state += 2; break;
    case 'b': state *= 3; break;
    case 'q': printf("quit at step %d\n", steps); goto done;
    default: state = -1;
    }
    printf("after '%c' state=%d\n", c, state);
  } while (*p);
done:
  return state;
}
