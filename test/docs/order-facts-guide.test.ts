/** The orders guide names every fact an order can take: a new fact is explained to builders and admins when it is added. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderFactKinds } from '../../shared/orders';

describe('the orders guide', () => {
  it('names every fact an order can take', () => {
    const guide = readFileSync(join(__dirname, '../../docs/guides/orders.md'), 'utf8');
    expect(orderFactKinds.filter((kind) => !guide.includes(`\`${kind}\``))).toEqual([]);
  });
});
