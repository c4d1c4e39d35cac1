/**
 * The two murmur2 hashes of kafkajs 2.2.4's partitioners.
 *
 * `murmur2` is the Java client's (kafkajs's DefaultPartitioner, src/producer/partitioners/
 * default/murmur2.js). kafkajs computes it with 64-bit Longs and keeps the low 32 bits; every
 * step (multiply, xor, unsigned shift of the low word) only reads low bits, so 32-bit integer
 * arithmetic (`Math.imul`) gives the same result without a Long library.
 *
 * `legacyMurmur2` is kafkajs 1.x's (LegacyPartitioner): plain float arithmetic that loses
 * precision, hence different partitions from Java's for most keys. It is copied as it is,
 * because services that pinned the legacy partitioner depend on exactly those partitions.
 */

const seed = 0x9747b28c;
const m = 0x5bd1e995;

function bytesOf(key: Buffer | string): Buffer {
  return Buffer.isBuffer(key) ? key : Buffer.from(String(key));
}

/** The Java client's murmur2 of `key` (a signed 32-bit integer). */
export function murmur2(key: Buffer | string): number {
  const data = bytesOf(key);
  const length = data.length;
  let h = (seed ^ length) | 0;
  const length4 = Math.floor(length / 4);
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  // The last one to three bytes (kafkajs's fall-through switch on length % 4).
  const rest = length % 4;
  const base = length & ~3;
  if (rest >= 3) h ^= (data[base + 2] & 0xff) << 16;
  if (rest >= 2) h ^= (data[base + 1] & 0xff) << 8;
  if (rest >= 1) h = Math.imul(h ^ (data[base] & 0xff), m);
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** kafkajs 1.x's float murmur2 of `key`, copied from src/producer/partitioners/legacy/murmur2.js. */
export function legacyMurmur2(key: Buffer | string): number {
  const data = bytesOf(key);
  const length = data.length;
  let h = seed ^ length;
  const length4 = length / 4;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4 + 0] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24);
    k *= m;
    k ^= k >>> 24;
    k *= m;
    h *= m;
    h ^= k;
  }
  const rest = length % 4;
  const base = length & ~3;
  if (rest >= 3) h ^= (data[base + 2] & 0xff) << 16;
  if (rest >= 2) h ^= (data[base + 1] & 0xff) << 8;
  if (rest >= 1) {
    h ^= data[base] & 0xff;
    h *= m;
  }
  h ^= h >>> 13;
  h *= m;
  h ^= h >>> 15;
  return h;
}
