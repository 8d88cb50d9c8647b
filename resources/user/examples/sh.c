/*
 * sh.c -- a small shell over the console: "ls" lists the programs in the
 * initrd, "NAME [ARGS...]" runs one (fork + execve + wait), "exit" leaves.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define SYS_lab_apps 500
#define MAX_ARGS 8

static void list_apps(void) {
  char names[1024];
  if (__syscall(SYS_lab_apps, (long)names, sizeof names, 0, 0, 0, 0) < 0) {
    printf("ls: no app table\n");
    return;
  }
  printf("%s", names);
}

static void run(char **argv) {
  int status;
  pid_t pid = fork();
  if (pid < 0) {
    perror("sh: fork");
    return;
  }
  if (pid == 0) {
    execve(argv[0], argv, NULL);
    printf("sh: %s: not found (try ls)\n", argv[0]);
    _exit(127);
  }
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status))
    printf("sh: [PID = %d] killed by signal %d\n", pid, WTERMSIG(status));
  else if (WEXITSTATUS(status) != 0)
    printf("sh: [PID = %d] exited with status %d\n", pid, WEXITSTATUS(status));
}

int main(void) {
  char line[128];
  printf("ForkLab shell: ls lists programs, exit leaves\n");
  for (;;) {
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    char *tok;
    printf("$ ");
    fflush(stdout);
    if (fgets(line, sizeof line, stdin) == NULL)
      break;
    for (tok = strtok(line, " \t\n"); tok && argc < MAX_ARGS; tok = strtok(NULL, " \t\n"))
      argv[argc++] = tok;
    argv[argc] = NULL;
    if (argc == 0)
      continue;
    if (strcmp(argv[0], "exit") == 0)
      break;
    if (strcmp(argv[0], "ls") == 0)
      list_apps();
    else if (strcmp(argv[0], "help") == 0)
      printf("ls | exit | PROGRAM [ARGS...]\n");
    else
      run(argv);
  }
  return 0;
}
