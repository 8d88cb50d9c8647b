#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tree { int key; struct tree *left, *right; } tree;
tree *insert(tree *t, int k) {
  if (!t) { t = calloc(1, sizeof(tree)); t->key = k; return t; }
  if (k < t->key) t->left = insert(t->left, k); else t->right = insert(t->right, k);
  return t;
}
void inorder(tree *t) { if (!t) return; inorder(t->left); printf("%d ", t->key); inorder(t->right); }
int height(tree *t) { if (!t) return 0; int a = height(t->left), b = height(t->right); return 1 + (a > b ? a : b); }
int main(void) {
  tree *root = 0;
  unsigned x = 12345;
  for (int i = 0; i < 20; i++) { x = x * 1103515245 + 12345; root = insert(root, (x >> 16) % 100); }
  inorder(root);
  printf("\nheight %d\n", height(root));
  return 0;
}
