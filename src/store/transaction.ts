/**
 * A local store transaction: state writes + next input offset + dedupe IDs (+ the changelog
 * batch and outbox that describe it, and the bookkeeping of acknowledgements), staged in
 * memory and applied all at once by the store's `commit`. Until then nothing is durable; a
 * crash simply drops the object, and a transaction begun before a crash can never commit
 * afterwards.
 */
// Shared empty lists until something is staged: most transactions are bookkeeping (an
// acknowledgement, a checkpoint) that stage no write and no dedupe ID, and the hot loop makes
// several per input.
const none: readonly never[] = Object.freeze([]);

export class Transaction {
  private stagedWrites: Array<readonly [string, unknown]> | null = null;
  private stagedAdds: string[] | null = null;
  private stagedOffsets: number[] | null = null;
  private stagedRemoves: string[] | null = null;
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

  /** State writes staged, in order. */
  get writes(): ReadonlyArray<readonly [string, unknown]> {
    return this.stagedWrites ?? none;
  }

  /** Dedupe IDs staged as applied, with {@link Transaction.dedupeOffsets} at the same index. */
  get dedupeAdds(): readonly string[] {
    return this.stagedAdds ?? none;
  }

  /** The input offset of each staged dedupe ID. */
  get dedupeOffsets(): readonly number[] {
    return this.stagedOffsets ?? none;
  }

  /** Dedupe IDs staged to expire. */
  get dedupeRemoves(): readonly string[] {
    return this.stagedRemoves ?? none;
  }

  /** Stage a write; `null` deletes the key. */
  put(key: string, value: unknown): this {
    (this.stagedWrites ??= []).push([key, value]);
    return this;
  }

  /** Stage a dedupe ID applied at input `offset`. */
  addDedupe(id: string, offset = -1): this {
    (this.stagedAdds ??= []).push(id);
    (this.stagedOffsets ??= []).push(offset);
    return this;
  }

  /** Stage the expiry of a dedupe ID (bounded dedupe window). */
  removeDedupe(id: string): this {
    (this.stagedRemoves ??= []).push(id);
    return this;
  }
}
