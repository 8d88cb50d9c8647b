/*
 * mos_stress -- a client/server IPC stress test: one server, 24 clients
 * (25 processes). Each client sends ROUNDS requests; the server answers
 * each with the request's value + 1 to whoever sent it. Clients check
 * every answer; the server checks it saw every request once. One verdict.
 */
#include <lib.h>
#include <sys/wait.h>

#define CLIENTS 24
#define ROUNDS 5
#define DONE 0xffffu

static int client(u_int server, u_int index) {
  u_int who, v;
  int bad = 0;
  for (u_int r = 0; r < ROUNDS; r++) {
    u_int req = (index << 8) | r;
    ipc_send(server, req, 0, 0);
    v = ipc_recv(&who, 0, 0);
    if (v != req + 1 || who != server)
      bad = 1;
  }
  ipc_send(server, (index << 16) | DONE, 0, 0);
  return bad;
}

int main(void) {
  u_int server = syscall_getenvid(), who, v;
  u_int seen[CLIENTS] = {0};
  int done = 0, bad = 0, status, r;
  for (u_int i = 0; i < CLIENTS; i++) {
    r = fork();
    if (r == 0)
      return client(server, i);
    if (r < 0) {
      debugf("fork: %d\n", r);
      return 1;
    }
  }
  debugf("[%x] server: %d clients forked\n", server, CLIENTS);
  while (done < CLIENTS) {
    v = ipc_recv(&who, 0, 0);
    if ((v & DONE) == DONE) {
      done++;
      continue;
    }
    if ((v >> 8) >= CLIENTS || (v & 0xff) != seen[v >> 8])
      bad = 1;
    else
      seen[v >> 8]++;
    ipc_send(who, v + 1, 0, 0);
  }
  while (wait(&status) > 0)
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      bad = 1;
  for (u_int i = 0; i < CLIENTS; i++)
    if (seen[i] != ROUNDS)
      bad = 1;
  debugf("[%x] server: %d requests, verdict %s\n", server, CLIENTS * ROUNDS, bad ? "ERR" : "OK");
  debugf("%s mos_stress\n", bad ? "FAIL" : "PASS");
  return bad;
}
