/**
 * @module seeded-stream
 * Numbers in [0, 1) from a stream named by a string: the same name gives the same numbers,
 * so a seed replays the same faults and the same waits, and each stream (a fault's kind, a
 * service's edge, in one process) moves apart from every other.
 */

/** The stream of numbers a name starts. */
export function seededStream(name: string): () => number {
  return mulberry32(hash32(name));
}

/** FNV-1a: a stream's name to its seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small, well-mixed 32-bit generator: numbers in [0, 1), the same for the same seed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
