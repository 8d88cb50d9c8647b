#include <stdio.h>

static const char *grade(int s) { return s >= 90 ? "A" : s >= 80 ? "B" : s >= 70 ? "C" : s >= 60 ? "D" : "F"; }

int main(void) {
  int scores[] = {95, 85, 75, 65, 55, 90, 60};
  int a = 0;
  for (int i = 0, j = 6; i < j; i++, j--) printf("%s%s ", grade(scores[i]), grade(scores[j]));
  for (int i = 0; i < 7; i++) a += grade(scores[i])[0] == 'A';
  int x = (a++, a * 10);
  printf("\nA count=%d x=%d\n", a - 1, x);
  return x;
}
