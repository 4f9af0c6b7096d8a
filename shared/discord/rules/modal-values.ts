/**
 * @module modal-values
 * What a person typed in a submitted modal, by input id: every module's forms (a drop, an
 * address, a pre-bid, a quantity) read their fields through this one walk. Pure.
 */

/** The values of a submitted modal by input id, whatever the nesting (action rows or labels). */
export function modalValues(components: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const c = node as { custom_id?: unknown; value?: unknown; components?: unknown; component?: unknown };
    if (typeof c.custom_id === 'string' && typeof c.value === 'string') values[c.custom_id] = c.value;
    walk(c.components);
    walk(c.component);
  };
  walk(components);
  return values;
}
