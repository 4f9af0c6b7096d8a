/**
 * @module spread
 * An amount spread over parts in proportion to their weights, to the cent: a Stripe line that
 * several orders share (a show checkout's dispute), a result shared over a show's lots.
 */
/** `amount` spread over weights to the cent: in proportion, the remainder to the largest fractions (ties to the first). */
export function spreadByWeight(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const exact = weights.map((w) => (amount * w) / total);
  const parts = exact.map((e) => Math.trunc(e));
  let left = amount - parts.reduce((sum, p) => sum + p, 0);
  const order = exact.map((e, i) => ({ i, frac: Math.abs(e - Math.trunc(e)) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    const step = Math.sign(left);
    parts[i] = (parts[i] ?? 0) + step;
    left -= step;
  }
  return parts;
}
