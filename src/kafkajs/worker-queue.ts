/**
 * kafkajs 2.2.4's worker queue (src/consumer/workerQueue.js and worker.js): up to
 * `concurrency` workers take the batches of one fetch in order; a failed batch does not stop
 * the others, and once all are done the first failure (in batch order) is thrown.
 */
export async function processConcurrently<T>(items: readonly T[], concurrency: number, handle: (item: T) => Promise<void>): Promise<void> {
  const queue = items.map((item, index) => ({ item, index }));
  const failures: Array<{ index: number; error: unknown }> = [];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      try {
        await handle(next.item);
      } catch (error) {
        failures.push({ index: next.index, error });
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.max(1, concurrency); i++) workers.push(worker());
  await Promise.all(workers);
  if (failures.length > 0) throw failures.sort((a, b) => a.index - b.index)[0].error;
}
