// Checkpoints of one machine's run, for time travel: any earlier moment is rebuilt by
// restoring the nearest checkpoint before it and re-executing (the machine is deterministic).
//
// Cost model. The first checkpoint (taken when recording starts) stores every nonzero RAM
// page once. Each later one stores the CPU/device state (a small object) plus only the pages
// written since the previous checkpoint, found through Ram's dirty bitmap (bus.ts), never by
// scanning RAM. A page's content at checkpoint k is its copy in the latest checkpoint <= k
// holding one (or zero when none does). Restoring rewrites only the pages that can differ
// between the machine now and checkpoint k: the pages written since the current base
// checkpoint plus those stored by checkpoints between the base and k.
//
// Invariant: RAM = content(base) except for the pages in Ram.dirty (written since `base` was
// taken or restored).
//
// Thinning: when the stored pages pass the memory budget, or there are too many
// checkpoints, every second checkpoint (never the first, the base or the last) is merged into
// its successor (pages the successor also holds are dropped) and the caller is told to space
// checkpoints twice as far apart. Very long runs get sparser checkpoints; memory stays bounded.

import type { Machine } from './machine';
import type { SnapshotState } from './snapshot';

const PAGE = 4096;

export interface Checkpoint<M> {
  readonly id: number;
  /** Retired instructions when the checkpoint was taken. */
  readonly insn: number;
  readonly state: SnapshotState;
  /** Pages written since the previous checkpoint (all nonzero pages for the first), by index. */
  readonly pages: Map<number, Uint8Array>;
  /** What the caller keeps with it (event and console positions). */
  readonly meta: M;
}

export interface CheckpointOptions {
  /** Bytes of page copies kept before thinning (default 192 MiB). */
  readonly budgetBytes?: number;
  /** Most checkpoints kept before thinning (default 400). */
  readonly maxCount?: number;
}

export interface CheckpointStats {
  readonly count: number;
  readonly pages: number;
  readonly bytes: number;
  readonly thinnings: number;
}

export class CheckpointStore<M> {
  private readonly list: Checkpoint<M>[] = [];
  /** Page index -> ids of the checkpoints holding a copy, ascending. */
  private readonly versions = new Map<number, number[]>();
  private readonly byId = new Map<number, Checkpoint<M>>();
  private nextId = 0;
  private base: Checkpoint<M> | null = null;
  private storedPages = 0;
  private readonly budget: number;
  private readonly maxCount: number;
  thinnings = 0;

  constructor(private readonly machine: Machine, opts: CheckpointOptions = {}) {
    this.budget = opts.budgetBytes ?? 192 * 1024 * 1024;
    this.maxCount = opts.maxCount ?? 400;
  }

  get checkpoints(): readonly Checkpoint<M>[] {
    return this.list;
  }

  get last(): Checkpoint<M> | null {
    return this.list.at(-1) ?? null;
  }

  stats(): CheckpointStats {
    return { count: this.list.length, pages: this.storedPages, bytes: this.storedPages * PAGE, thinnings: this.thinnings };
  }

  /**
   * Takes a checkpoint of the machine now; it must be later than every stored one. Returns
   * true when the store thinned itself (the caller should double its spacing).
   */
  take(meta: M): boolean {
    const ram = this.machine.board.ram;
    const pages = new Map<number, Uint8Array>();
    if (this.base === null) {
      ram.takeDirty();
      const words = ram.i32;
      for (let p = 0; p < ram.pages; p++) {
        let acc = 0;
        for (let w = p * (PAGE >> 2), end = w + (PAGE >> 2); w < end; w += 4) acc |= words[w]! | words[w + 1]! | words[w + 2]! | words[w + 3]!;
        if (acc !== 0) pages.set(p, ram.bytes.slice(p * PAGE, (p + 1) * PAGE));
      }
    } else {
      // Pages that can differ from the last checkpoint: written since the base, plus (when
      // the base is an earlier checkpoint we went back to) those changed between the two.
      const changed = new Set(ram.takeDirty());
      const last = this.last!;
      if (last !== this.base) for (const p of this.changedBetween(this.base, last)) changed.add(p);
      for (const p of changed) pages.set(p, ram.bytes.slice(p * PAGE, (p + 1) * PAGE));
    }
    const cp: Checkpoint<M> = { id: this.nextId++, insn: this.machine.instret, state: this.machine.captureState(), pages, meta };
    this.list.push(cp);
    this.byId.set(cp.id, cp);
    for (const p of pages.keys()) this.addVersion(p, cp.id);
    this.storedPages += pages.size;
    this.base = cp;
    if (this.storedPages * PAGE > this.budget || this.list.length > this.maxCount) {
      this.thin();
      return true;
    }
    return false;
  }

  /** The latest checkpoint strictly before `insn` (or the first, for insn <= its own). */
  before(insn: number): Checkpoint<M> {
    let lo = 0, hi = this.list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.list[mid]!.insn < insn) lo = mid; else hi = mid - 1;
    }
    return this.list[lo]!;
  }

  /** Puts the machine (RAM, CPU, devices) back exactly as it was at `cp`. */
  restore(cp: Checkpoint<M>): void {
    const ram = this.machine.board.ram;
    const touched = new Set(ram.peekDirty());
    if (this.base !== null && this.base !== cp) for (const p of this.changedBetween(this.base, cp)) touched.add(p);
    for (const p of touched) ram.loadPage(p, this.contentAt(p, cp.id));
    ram.takeDirty();
    this.machine.restoreState(cp.state);
    this.base = cp;
  }

  /** Forgets every checkpoint after `insn` (the future is being rewritten). */
  truncateAfter(insn: number): void {
    while (this.list.length > 1 && this.list.at(-1)!.insn > insn && this.list.at(-1) !== this.base) this.remove(this.list.length - 1, false);
  }

  /** Pages stored by checkpoints after the earlier of a and b, up to the later one. */
  private changedBetween(a: Checkpoint<M>, b: Checkpoint<M>): Set<number> {
    const [lo, hi] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    const out = new Set<number>();
    for (const cp of this.list) {
      if (cp.id > lo && cp.id <= hi) for (const p of cp.pages.keys()) out.add(p);
    }
    return out;
  }

  private contentAt(page: number, id: number): Uint8Array | null {
    const ids = this.versions.get(page);
    if (ids === undefined) return null;
    let lo = 0, hi = ids.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid]! <= id) { found = ids[mid]!; lo = mid + 1; } else hi = mid - 1;
    }
    return found < 0 ? null : this.byId.get(found)!.pages.get(page)!;
  }

  private addVersion(page: number, id: number): void {
    const ids = this.versions.get(page);
    if (ids === undefined) this.versions.set(page, [id]);
    else ids.push(id);
  }

  /** Merges every second interior checkpoint into its successor. */
  private thin(): void {
    this.thinnings++;
    for (let i = this.list.length - 2; i >= 1; i -= 2) {
      if (this.list[i] !== this.base) this.remove(i, true);
    }
  }

  /**
   * Removes list[i]. With `merge`, its pages that the next checkpoint does not hold move
   * there (restores to later checkpoints still need them); without, they are dropped (only
   * for the last checkpoint, whose pages no one else needs).
   */
  private remove(i: number, merge: boolean): void {
    const cp = this.list[i]!;
    const next = merge ? this.list[i + 1]! : null;
    for (const [p, data] of cp.pages) {
      const ids = this.versions.get(p)!;
      const at = ids.indexOf(cp.id);
      if (next !== null && !next.pages.has(p)) {
        next.pages.set(p, data);
        ids[at] = next.id;
      } else {
        ids.splice(at, 1);
        this.storedPages--;
        if (ids.length === 0) this.versions.delete(p);
      }
    }
    this.list.splice(i, 1);
    this.byId.delete(cp.id);
  }
}
