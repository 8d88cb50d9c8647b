/* Preprocessor work that must survive into code: X-macros, stringizing, pasting, __VA_ARGS__. */
#include <stdio.h>

#define COLORS(X) X(red, 1) X(green, 2) X(blue, 4)
#define AS_ENUM(name, v) COLOR_##name = v,
#define AS_NAME(name, v) [v] = #name,
enum { COLORS(AS_ENUM) };
static const char *names[] = { COLORS(AS_NAME) };

#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
#define LOG(fmt, ...) printf("%s:%d: " fmt "\n", "macro_heavy.c", __LINE__, ##__VA_ARGS__)
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define VERSION 3

int main(void) {
  int CAT(val, ue) = SQUARE(3 + 1);
  LOG("value=%d max=%d", value, MAX(value, 20));
  LOG("no args");
  printf("%s %s %s %s\n", names[COLOR_red], names[COLOR_green], names[COLOR_blue], XSTR(VERSION));
#if VERSION >= 3 && defined(COLORS)
  return value + COLOR_blue;
#else
  return 0;
#endif
}
