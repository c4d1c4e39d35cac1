/**
 * A stable, incremental 64-bit hash (two independent 32-bit FNV-1a lanes) over integers and
 * strings. Used for history hashes: the same history gives the same hex string in every
 * process on every platform, because it depends only on the values fed in, in order.
 */
export class StableHash {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;

  /** Feed one integer (any safe integer; negative values are fine). */
  int(value: number): this {
    let lo = value | 0;
    let hi = Math.floor(value / 4294967296) | 0;
    // The eight bytes of `byte()` below, unrolled over locals (the hot path of history hashes).
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < 8; i++) {
      const x = i < 4 ? lo & 0xff : hi & 0xff;
      if (i < 4) lo >>>= 8;
      else hi >>>= 8;
      a = Math.imul(a ^ x, 0x01000193);
      b = Math.imul(b ^ x, 0x01000193 + 0x2c);
      b ^= b >>> 15;
    }
    this.a = a;
    this.b = b;
    return this;
  }

  /** Feed a string (UTF-16 code units) followed by its length, so concatenations differ. */
  str(value: string): this {
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      this.byte(c & 0xff);
      this.byte(c >>> 8);
    }
    return this.int(value.length);
  }

  /** The hash so far as 16 hex digits. */
  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0");
  }

  private byte(x: number): void {
    this.a = Math.imul(this.a ^ x, 0x01000193);
    this.b = Math.imul(this.b ^ x, 0x01000193 + 0x2c);
    this.b ^= this.b >>> 15;
  }
}
