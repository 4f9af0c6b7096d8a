/**
 * Every type of balance transaction in the pinned stripe-node, read from its own type
 * definitions, is named in stripe-lines.ts: explained by entry kinds, or as one C500 never
 * causes. A stripe-node that lists a new type fails here until the type is named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryKinds } from '../rules/entry';
import { explanationOf, neverCausedWhy, stripeLineTypes } from '../rules/stripe-lines';

/** The string literals of `BalanceTransaction.Type` in stripe-node's declarations. */
function stripeNodeTypes(): string[] {
  // The package's `exports` hide its package.json from require.resolve: read it where npm puts it.
  const root = join(__dirname, '..', '..', '..', 'node_modules', 'stripe');
  const text = readFileSync(join(root, 'cjs', 'resources', 'BalanceTransactions.d.ts'), 'utf8');
  const union = /type Type = ([^;]+);/.exec(text)?.[1];
  if (!union) throw new Error('stripe-node no longer declares BalanceTransaction.Type where this test reads it');
  return [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1] as string);
}

describe('the types of line Stripe writes on the platform’s balance', () => {
  it('are each named, as stripe-node lists them, and nothing is named that stripe-node does not list', () => {
    const listed = stripeNodeTypes();
    expect(listed.length).toBeGreaterThan(40);
    expect(Object.keys(stripeLineTypes).sort()).toEqual([...listed].sort());
  });

  it('are explained only by entry kinds the journal has', () => {
    for (const explained of Object.values(stripeLineTypes))
      if ('entries' in explained) for (const kind of explained.entries) expect(entryKinds).toContain(kind);
  });

  it('include the platform’s payouts, a payout sent back and what Stripe bills the platform, each explained by an entry', () => {
    expect(explanationOf('payout')).toEqual({ entries: ['platform-payout'] });
    expect(explanationOf('payout_failure')).toEqual({ entries: ['payout-returned'] });
    expect(explanationOf('stripe_fee')).toEqual({ entries: ['connect-fee'] });
  });

  it('say in words why C500 has no entry for a type it never causes, and for a type newer than it knows', () => {
    expect(neverCausedWhy(['charge', 'reserve_hold'])).toMatch(/^reserve_hold: .*ask Stripe/);
    expect(neverCausedWhy(['charge', 'refund'])).toBeUndefined();
    expect(neverCausedWhy(['brand_new_thing'])).toContain('newer than C500 knows');
  });
});
