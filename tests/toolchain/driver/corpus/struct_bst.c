#include <stdio.h>
#include <stdlib.h>

typedef struct tree { int key; struct tree *left, *right; } tree;

static tree *insert(tree *t, int key) {
  if (!t) { t = calloc(1, sizeof(tree)); t->key = key; return t; }
  if (key < t->key) t->left = insert(t->left, key);
  else if (key > t->key) t->right = insert(t->right, key);
  return t;
}
static int height(const tree *t) {
  if (!t) return 0;
  int l = height(t->left), r = height(t->right);
  return 1 + (l > r ? l : r);
}
static void inorder(const tree *t) { if (!t) return; inorder(t->left); printf("%d ", t->key); inorder(t->right); }

int main(void) {
  tree *t = NULL;
  int keys[] = {50, 30, 70, 20, 40, 60, 80, 35, 45, 65};
  for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) t = insert(t, keys[i]);
  inorder(t);
  printf("\nheight=%d\n", height(t));
  return height(t);
}
