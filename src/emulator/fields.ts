// Fields that V8 should know are variables from the start.
//
// V8 tracks each field of a hidden class as a constant until a second, different value is
// stored into it, and as a Smi until a value that is not one is stored; optimized code may
// rely on either, and when the field changes V8 throws that code away (a lazy deoptimization
// for "code dependencies") and compiles it again later. The emulator's and lab's state fields
// change for the first time in the middle of a cold boot, after Hart.run, Jit.lookup and the
// trap paths were optimized (each first trap, first CSR write, first translated block cost a
// recompile of the run loop). `settleFields` stores a different value of the same kind into
// each named field and then puts the value back, when the object is built: the object ends
// in the state it started in, and its class's fields are already mutable (and double where
// asked) before anything is optimized. It costs a few stores per object.

/** Any object to store into a field whose value is null or an object, then taken back out. */
const OTHER_OBJECT = Object.freeze({});

function otherValue(v: unknown): unknown {
  switch (typeof v) {
    case 'number': return v === 0 ? 1 : 0;
    case 'bigint': return v === 0n ? 1n : 0n;
    case 'boolean': return !v;
    case 'string': return v === '' ? ' ' : '';
    default: return v === OTHER_OBJECT ? null : OTHER_OBJECT;
  }
}

/**
 * Makes each field in `keys` mutable in `o`'s hidden class, each in `doubles` a double field
 * (for numbers that leave the Smi range later, e.g. physical addresses), and each in `tagged`
 * a tagged one, leaving every value as it was. Names are strings so classes can name their
 * private fields; a name the object does not have throws (it would add a field instead).
 *
 * Double or tagged, for a number that is not always a Smi: a double field keeps the value in
 * a box of its own, so a store never allocates, but every read outside optimized code makes
 * a new heap number; a tagged field points at an immutable heap number, so a read never
 * allocates and a store of a non-Smi does. Fields read far more often than written in code
 * that runs cold (the run loop's timer deadline, Infinity most of the time) want tagged.
 */
export function settleFields(o: object, keys: readonly string[], doubles: readonly string[] = [], tagged: readonly string[] = []): void {
  const rec = o as Record<string, unknown>;
  for (const k of keys) {
    if (!(k in rec)) throw new Error(`settleFields: no field ${k}`);
    const v = rec[k];
    rec[k] = otherValue(v);
    rec[k] = v;
  }
  for (const k of doubles) {
    if (!(k in rec)) throw new Error(`settleFields: no field ${k}`);
    const v = rec[k];
    rec[k] = 0.5;
    rec[k] = v;
  }
  for (const k of tagged) {
    if (!(k in rec)) throw new Error(`settleFields: no field ${k}`);
    const v = rec[k];
    rec[k] = OTHER_OBJECT;
    rec[k] = v;
  }
}
