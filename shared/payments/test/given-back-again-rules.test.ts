/**
 * Giving a late payment's money back again (given-back-again.ts), as a payments engineer reads
 * it: which lots an admin's `/c500 refund` gives back, for exactly how much, under which key (one
 * per failure or attempt, so a second press refunds once), and the entries Stripe's answer writes.
 */
import { post, type JournalEntry, type Posting } from '../../journal';
import { refusedGiveBack, type GivenRefund } from '../../orders';
import {
  giveBackAgain,
  givenBackAgainEntries,
  givenBackAgainKey,
  givenBackAgainReason,
  heldGiveBackKey,
  holdsFailedGiveBack,
  paidLate,
} from '../rules/given-back-again';

const at = '2026-11-29T12:00:00.000Z';
const entry = (entryId: string, kind: JournalEntry['kind'], postings: Posting[], orderId = 'lot1'): JournalEntry => ({
  entryId,
  kind,
  at,
  guildId: '900000000000000001',
  currency: 'usd',
  orderId,
  postings,
});
const owed = (entryId: string, cents: number) => entry(entryId, 'owed-to-buyer', [post.held('lot1', cents), post.buyer('lot1', -cents)]);
const holds = (cents: number) => entry('charge:lot1', 'charge', [post.stripe(cents), post.held('lot1', -cents)]);
const failure = (refundId: string, amountCents: number) => ({ refundId, amountCents, reason: 'expired_or_canceled_card', at });
const lot = (failed: ReturnType<typeof failure>[] = [], givenRefunds: GivenRefund[] = []) => ({
  orderId: 'lot1',
  guildId: '900000000000000001',
  currency: 'usd',
  chargeId: 'ch_1',
  failedRefunds: failed,
  givenRefunds,
  refundedCents: 0,
});
const asked = (givesBack?: string): GivenRefund => ({
  idempotencyKey: `k-${givesBack ?? 'plain'}`,
  amountCents: 100,
  byInteraction: 'i1',
  byUserId: 'u1',
  askedAt: at,
  ...(givesBack ? { givesBack } : {}),
});

describe('a lot paid after it was gone', () => {
  it('is an expired lot with a charge on it; one expired unpaid, or sold, is not', () => {
    expect(paidLate({ status: 'expired', chargeId: 'ch_1' })).toBe(true);
    expect(paidLate({ status: 'expired' })).toBe(false);
    expect(paidLate({ status: 'paid', chargeId: 'ch_1' })).toBe(false);
  });

  it('holds a failed give-back only once a refund of it failed', () => {
    expect(holdsFailedGiveBack({ status: 'expired', chargeId: 'ch_1', failedRefunds: [failure('re_1', 500)] })).toBe(true);
    expect(holdsFailedGiveBack({ status: 'expired', chargeId: 'ch_1', failedRefunds: [] })).toBe(false);
    expect(holdsFailedGiveBack({ status: 'expired', chargeId: 'ch_1' })).toBe(false);
    expect(holdsFailedGiveBack({ status: 'paid', chargeId: 'ch_1', failedRefunds: [failure('re_1', 500)] })).toBe(false);
  });
});

describe('the keys and reason a give-back is given again under', () => {
  it('are one per lot and failure, one per lot and attempt, and a reason Stripe keeps on the refund', () => {
    expect(givenBackAgainKey('lot1', 're_7')).toBe('refund:lot1:again:re_7');
    expect(heldGiveBackKey('lot1', 2)).toBe('refund:lot1:again:held:2');
    expect(givenBackAgainReason).toBe('given-back-again');
  });
});

describe('giving a late payment back again', () => {
  it('refunds what the buyer is owed and what the lot still holds, giving back the last failure', () => {
    const order = lot([failure('re_1', 3_000), failure('re_2', 2_000)]);
    expect(giveBackAgain(order, [owed('o2', 2_000)])).toEqual({
      ok: true,
      idempotencyKey: 'refund:lot1:again:re_2',
      amountCents: 2_000,
      givesBack: 're_2',
    });
    expect(giveBackAgain(order, [holds(2_500), owed('o2', 2_000)])).toMatchObject({ ok: true, amountCents: 2_500, givesBack: 're_2' });
  });

  it('takes an amount typed only when it is exactly what is due, saying what is', () => {
    const order = lot([failure('re_1', 3_000)]);
    const entries = [holds(3_500), owed('o1', 3_000)];
    expect(giveBackAgain(order, entries, 3_500)).toMatchObject({ ok: true, amountCents: 3_500 });
    expect(giveBackAgain(order, entries, 3_000)).toEqual({ ok: false, refusal: 'not-exact', owedCents: 3_500 });
  });

  it('refuses when nothing is owed or held, even when the account went past zero', () => {
    expect(giveBackAgain(lot([failure('re_1', 3_000)]), [])).toEqual({ ok: false, refusal: 'nothing-owed', owedCents: 0 });
    const overpaid = entry('p', 'buyer-paid-outside', [post.buyer('lot1', 300), post.to('paid-by-hand', -300)]);
    expect(giveBackAgain(lot([failure('re_1', 3_000)]), [overpaid])).toEqual({ ok: false, refusal: 'nothing-owed', owedCents: 0 });
  });

  it('counts neither an account paid beyond what was owed nor a lot overdrawn against what is due', () => {
    const overpaid = entry('p', 'buyer-paid-outside', [post.buyer('lot1', 300), post.to('paid-by-hand', -300)]);
    expect(giveBackAgain(lot(), [holds(1_000), overpaid])).toMatchObject({ ok: true, amountCents: 1_000 });
    const overdrawn = entry('w', 'dispute-withdrawal', [post.held('lot1', 400), post.stripe(-400)]);
    expect(giveBackAgain(lot([failure('re_1', 2_000)]), [overdrawn, owed('o1', 2_000)])).toMatchObject({ ok: true, amountCents: 2_000 });
  });

  it('gives back what Stripe refused under the next attempt’s key, once nothing failed is owed', () => {
    const earlier = [asked(refusedGiveBack), asked('re_1'), { ...asked(refusedGiveBack), idempotencyKey: 'k2' }];
    expect(giveBackAgain(lot([], earlier), [holds(1_500)])).toEqual({
      ok: true,
      idempotencyKey: 'refund:lot1:again:held:3',
      amountCents: 1_500,
      givesBack: refusedGiveBack,
    });
    expect(giveBackAgain({ ...lot([failure('re_1', 700)]), givenRefunds: undefined }, [holds(700)])).toMatchObject({
      idempotencyKey: 'refund:lot1:again:held:1',
      givesBack: refusedGiveBack,
    });
  });
});

describe('the entries of a give-back given again', () => {
  const given = (refundId: string | undefined, amountCents: number): GivenRefund => ({ ...asked('re_1'), amountCents, ...(refundId ? { refundId } : {}) });

  it('bring what was owed back into the lot’s held money and refund it from there', () => {
    const order = lot([failure('re_1', 3_000)]);
    expect(givenBackAgainEntries(order, [owed('o1', 3_000)], given('re_2', 3_000), at)).toEqual([
      {
        entryId: 'owed-to-buyer:lot1:again:re_2',
        kind: 'owed-to-buyer',
        at,
        guildId: '900000000000000001',
        currency: 'usd',
        orderId: 'lot1',
        postings: [post.buyer('lot1', 3_000), post.held('lot1', -3_000)],
      },
      {
        entryId: 'refund:lot1:re_2:0-3000',
        kind: 'refund',
        at,
        guildId: '900000000000000001',
        currency: 'usd',
        orderId: 'lot1',
        stripeId: 'ch_1',
        postings: [post.held('lot1', 3_000), post.stripe(-3_000)],
      },
    ]);
  });

  it('bring back only what was owed, what the lot held being there already', () => {
    const order = lot([failure('re_1', 1_000)]);
    const [back, out] = givenBackAgainEntries(order, [holds(1_500), owed('o1', 1_000)], given('re_2', 2_500), at);
    expect(back?.postings).toEqual([post.buyer('lot1', 1_000), post.held('lot1', -1_000)]);
    expect(out?.postings).toEqual([post.held('lot1', 2_500), post.stripe(-2_500)]);
    const onlyHeld = givenBackAgainEntries(lot(), [holds(1_500)], given('re_3', 1_500), at);
    expect(onlyHeld.map((e) => e.kind)).toEqual(['refund']);
    const overpaid = entry('p', 'buyer-paid-outside', [post.buyer('lot1', 300), post.to('paid-by-hand', -300)]);
    expect(givenBackAgainEntries(lot(), [holds(1_500), overpaid], given('re_4', 1_500), at).map((e) => e.kind)).toEqual(['refund']);
  });

  it('write nothing before Stripe named the refund, when it failed before its answer, or a second time', () => {
    const order = lot([failure('re_1', 3_000)]);
    const entries = [owed('o1', 3_000)];
    expect(givenBackAgainEntries(order, entries, given(undefined, 3_000), at)).toEqual([]);
    expect(givenBackAgainEntries(lot([failure('re_1', 3_000), failure('re_2', 3_000)]), entries, given('re_2', 3_000), at)).toEqual([]);
    const written = givenBackAgainEntries(order, entries, given('re_2', 3_000), at);
    expect(givenBackAgainEntries(order, [...entries, ...written], given('re_2', 3_000), at)).toEqual([]);
  });
});
