// Build-time views of resources/: the user library, lab tests and examples (for the gallery
// and for the lab host), and the kernel sources (read-only browsing). Vite inlines them as text.
// New files appear on the next build without code changes.

export const userFiles = import.meta.glob<string>(['../../../resources/user/**/*.{c,h,S,s,ld}', '!**/build/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const kernelFiles = import.meta.glob<string>(
  ['../../../resources/kernel/**/*.{c,h,S,s,ld}', '../../../resources/kernel/**/Makefile', '!**/build/**'],
  { query: '?raw', import: 'default', eager: true },
);
