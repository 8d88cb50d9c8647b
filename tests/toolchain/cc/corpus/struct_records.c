#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct student { char name[16]; int scores[3]; double avg; };
int cmp(const void *a, const void *b) {
  const struct student *x = a, *y = b;
  return y->scores[0] + y->scores[1] + y->scores[2] - (x->scores[0] + x->scores[1] + x->scores[2]);
}
int main(void) {
  struct student s[4] = { {"ada", {90, 85, 77}}, {"bob", {60, 70, 80}}, {"cy", {99, 98, 97}}, {"dee", {50, 95, 75}} };
  for (int i = 0; i < 4; i++) s[i].avg = (s[i].scores[0] + s[i].scores[1] + s[i].scores[2]) / 3.0;
  qsort(s, 4, sizeof s[0], cmp);
  for (int i = 0; i < 4; i++) printf("%-5s %3d %ld\n", s[i].name, s[i].scores[0], (long)(s[i].avg * 100));
  return 0;
}
