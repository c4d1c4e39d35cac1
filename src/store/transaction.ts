/**
 * A local store transaction: state writes + next input offset + dedupe IDs (+ the changelog
 * batch and outbox that describe it, and the bookkeeping of acknowledgements), staged in
 * memory and applied all at once by the store's `commit`. Until then nothing is durable; a
 * crash simply drops the object, and a transaction begun before a crash can never commit
 * afterwards.
 */
export class Transaction {
  readonly writes: Array<readonly [string, unknown]> = [];
  readonly dedupeAdds: string[] = [];
  readonly dedupeOffsets: number[] = [];
  readonly dedupeRemoves: string[] = [];
  nextOffset: number | undefined = undefined;
  pendingBatch: readonly unknown[] | null | undefined = undefined;
  outbox: readonly unknown[] | undefined = undefined;
  /** The broker acknowledged the outbox. */
  outboxAcked: boolean | undefined = undefined;
  /** The namespace now matches the changelog up to this end offset. */
  checkpoint: number | undefined = undefined;

  constructor(
    readonly partition: number,
    /** The store's crash epoch when the transaction began. */
    readonly epoch: number,
  ) {}

  /** Stage a write; `null` deletes the key. */
  put(key: string, value: unknown): this {
    this.writes.push([key, value]);
    return this;
  }

  /** Stage a dedupe ID applied at input `offset`. */
  addDedupe(id: string, offset = -1): this {
    this.dedupeAdds.push(id);
    this.dedupeOffsets.push(offset);
    return this;
  }

  /** Stage the expiry of a dedupe ID (bounded dedupe window). */
  removeDedupe(id: string): this {
    this.dedupeRemoves.push(id);
    return this;
  }
}
