/**
 * An order changes only by a fact handed to the orders module: no free-form `changeOrder(…,
 * update)` is left anywhere, and outside `shared/orders` nothing names the old writer.
 */
import { readFileSync } from 'node:fs';
import * as orders from '../../shared/orders';
import { codeFiles } from '../support/module-graph';

describe('the writers of an order', () => {
  it('call no free-form changeOrder anywhere in the code', () => {
    const callers = codeFiles(['shared', 'functions', 'scripts', 'web', 'test'])
      .filter((f) => f !== 'test/unit/order-facts-only.test.ts')
      .filter((f) => /\b(changeOrder|noteOnOrder)\(/.test(readFileSync(f, 'utf8')));
    expect(callers).toEqual([]);
  });

  it('find no free-form writer on the orders module’s face, only the fact writers', () => {
    expect(
      Object.keys(orders)
        .filter((name) => /^(change|note|apply|write)\w*Order/i.test(name))
        .sort(),
    ).toEqual(['applyOrderFact', 'noteOrderFact']);
  });
});
