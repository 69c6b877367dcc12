import { createHash } from 'node:crypto';

/**
 * Merkle tree hash as in RFC 6962 §2.1 (Certificate Transparency): leaves are hashed with a 0x00
 * prefix and inner nodes with 0x01, so a leaf can never pass for a node; for n leaves the left
 * subtree holds the largest power of two below n. Built incrementally with a stack of at most
 * log2(n) perfect subtrees, so folding millions of entries takes constant memory.
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export const leafHash = (data: string) => sha256(LEAF, Buffer.from(data, 'utf8'));
const nodeHash = (left: Buffer, right: Buffer) => sha256(NODE, left, right);

/** The root of no leaves: the hash of the empty string (RFC 6962). */
export const EMPTY_MERKLE_ROOT = createHash('sha256').digest('hex');

export class MerkleBuilder {
  /** Perfect subtrees, largest first: their sizes are the binary digits of `count`. */
  private readonly stack: { size: number; hash: Buffer }[] = [];
  count = 0;

  add(data: string): void {
    let node = { size: 1, hash: leafHash(data) };
    for (let top = this.stack.at(-1); top && top.size === node.size; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { size: top.size * 2, hash: nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
    this.count += 1;
  }

  /** Hex root of every leaf added so far. */
  root(): string {
    const last = this.stack.at(-1);
    if (!last) return EMPTY_MERKLE_ROOT;
    let hash = last.hash;
    for (let i = this.stack.length - 2; i >= 0; i -= 1) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash.toString('hex');
  }
}

/** The leaf an audit entry contributes: its id (so rows cannot be renumbered) and its chain hash. */
export const entryLeaf = (id: number, hash: string) => `${id}:${hash}`;
