// Instruction counts written with thousands separators, as toLocaleString('en') writes them.
// Written by hand because the timeline formats hundreds of counts per status while a program
// runs, and toLocaleString goes through ICU each time (it was most of the page's time under
// the fork bomb; docs/perf.md, "The page itself").

/** `1234567` -> `"1,234,567"`; fractions are dropped (counts are whole numbers). */
export function grouped(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) {
    const group = digits.slice(Math.max(0, i - 3), i);
    out = out ? `${group},${out}` : group;
  }
  return n <= -1 ? `-${out}` : out;
}
