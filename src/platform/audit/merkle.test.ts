import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_MERKLE_ROOT, MerkleBuilder } from './merkle.ts';

/** RFC 6962 §2.1 written as the spec states it (recursive), to hold the incremental builder to. */
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const mth = (leaves: string[]): Buffer => {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(Buffer.from([0]), Buffer.from(leaves[0]!, 'utf8'));
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
};

const build = (leaves: string[]) => {
  const tree = new MerkleBuilder();
  for (const l of leaves) tree.add(l);
  return tree;
};

describe('Merkle tree hash (RFC 6962)', () => {
  it('matches the recursive definition for every size from 0 to 70', () => {
    for (let n = 0; n <= 70; n += 1) {
      const leaves = Array.from({ length: n }, (_, i) => `${i + 1}:${'ab'.repeat(32)}`);
      const tree = build(leaves);
      expect(tree.count).toBe(n);
      expect(tree.root(), `n=${n}`).toBe(mth(leaves).toString('hex'));
    }
  });

  it('matches it for arbitrary leaves', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 40 }), (leaves) => build(leaves).root() === mth(leaves).toString('hex')));
  });

  it('has the empty-string hash as the root of nothing, and changes when any leaf or the order changes', () => {
    expect(new MerkleBuilder().root()).toBe(EMPTY_MERKLE_ROOT);
    expect(EMPTY_MERKLE_ROOT).toBe(createHash('sha256').update('').digest('hex'));
    const base = build(['a', 'b', 'c', 'd', 'e']).root();
    expect(build(['a', 'b', 'c', 'd', 'x']).root()).not.toBe(base);
    expect(build(['a', 'b', 'd', 'c', 'e']).root()).not.toBe(base);
    expect(build(['a', 'b', 'c', 'd']).root()).not.toBe(base);
  });

  it('prefixes leaves with 0x00 and inner nodes with 0x01, so a leaf can never pass for a node', () => {
    const leaf = (d: string) => sha(Buffer.from([0]), Buffer.from(d, 'utf8'));
    expect(build(['a']).root()).toBe(leaf('a').toString('hex'));
    expect(build(['a', 'b']).root()).toBe(sha(Buffer.from([1]), leaf('a'), leaf('b')).toString('hex'));
  });
});
