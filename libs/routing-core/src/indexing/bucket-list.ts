// The non-empty buckets filed under one skill (or pair of skills), laid out for the scan a freed agent
// makes. Everything the scan needs per bucket sits in one flat array: the head's key and score slope,
// and a packed word with the class, language, the filing skill's minimum, the pair skill's minimum and
// two flags. A scan reads that array in order and touches a bucket object only to look past an
// excluded head or to check a ring of three or more skills.
import type { ContactState } from '../engine/contact-state';
import type { ContactBucket } from './contact-bucket';

/** Packed word layout (see packMeta). */
export const META_CLASS_MASK = 0b11;
/** The head excludes some agent: the scan must ask the bucket for the first contact the agent may take. */
export const META_HEAD_EXCLUDES = 1 << 2;
/** The ring has requirements beyond the filing skills: the scan must check the whole ring. */
export const META_FULL_CHECK = 1 << 3;
export const META_LEVEL_MASK = 0b1111;
export const META_MIN_SHIFT = 4;
export const META_PAIR_MIN_SHIFT = 8;
export const META_LANGUAGE_SHIFT = 12;

/**
 * The fixed part of a bucket's word: class, language (stored +1, so 0 is "any"), the filing skill's
 * minimum, the pair skill's minimum (0 when filed under one skill) and whether the ring needs a full
 * check.
 */
export function packMeta(
  classIndex: number,
  languageId: number,
  min: number,
  pairMin: number,
  fullCheck: boolean,
): number {
  return (
    classIndex |
    (fullCheck ? META_FULL_CHECK : 0) |
    (min << META_MIN_SHIFT) |
    (pairMin << META_PAIR_MIN_SHIFT) |
    ((languageId + 1) << META_LANGUAGE_SHIFT)
  );
}

/** Numbers per bucket in BucketList.data: head key, score slope, packed word. */
export const ENTRY = 3;

export class BucketList {
  length = 0;
  buckets: ContactBucket[] = [];
  heads: ContactState[] = [];
  /** Entry i at [ENTRY * i]: one flat array, so a scan reads consecutive numbers. */
  data = new Float64Array(4 * ENTRY);

  add(bucket: ContactBucket, head: ContactState): void {
    const i = this.length;
    if ((i + 1) * ENTRY > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.buckets.push(bucket);
    this.heads.push(head);
    this.data[i * ENTRY + 1] = bucket.slope;
    this.length = i + 1;
    bucket.listPos = i;
    this.setHead(i, bucket, head);
  }

  /** Swap-remove: the scan needs the set, not an order. */
  remove(bucket: ContactBucket): void {
    const i = bucket.listPos;
    const lastIndex = this.length - 1;
    const last = this.buckets[lastIndex];
    if (i !== lastIndex) {
      this.buckets[i] = last;
      this.heads[i] = this.heads[lastIndex];
      this.data.copyWithin(i * ENTRY, lastIndex * ENTRY, (lastIndex + 1) * ENTRY);
      last.listPos = i;
    }
    this.buckets.pop();
    this.heads.pop();
    this.length = lastIndex;
    bucket.listPos = -1;
  }

  /** Rewrites the bucket's entry after its head changed. */
  setHead(i: number, bucket: ContactBucket, head: ContactState): void {
    this.heads[i] = head;
    this.data[i * ENTRY] = head.key;
    this.data[i * ENTRY + 2] = head.excluded === null ? bucket.meta : bucket.meta | META_HEAD_EXCLUDES;
  }
}
