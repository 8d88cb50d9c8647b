// The seeded generator behind every random test program (xorshift64*): a failing seed names a
// program that can be rebuilt exactly. Each generator passes its own salt so that the same seed
// number gives unrelated streams in different test families.
export class Rng {
  private state: bigint;
  constructor(seed: number, salt: bigint) {
    this.state = BigInt.asUintN(64, BigInt(seed) * 0x9e3779b97f4a7c15n + salt);
  }
  next64(): bigint {
    let x = this.state;
    x ^= x >> 12n;
    x ^= BigInt.asUintN(64, x << 25n);
    x ^= x >> 27n;
    this.state = x;
    return BigInt.asUintN(64, x * 0x2545f4914f6cdd1dn);
  }
  /** The top `n` bits of the next value. */
  bits(n: number): number {
    return Number(this.next64() >> BigInt(64 - n));
  }
  /** A value in [0, n). */
  below(n: number): number {
    return Number(this.next64() % BigInt(n));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}
