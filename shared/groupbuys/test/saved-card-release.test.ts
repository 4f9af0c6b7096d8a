/**
 * A pledge's saved card is detached at Stripe once the pledge needs it no more, and the member's
 * customer deleted once nothing needs it (issue 79): at the close (charged, or let go short of
 * the minimum), and at an erasure, which keeps what an open pledge still needs until its close.
 */
import { stripeCustomerPath } from '../rules/card-setup';
import { closeTaskOf } from '../rules/charge-tasks';
import { cardNeededWhile, cardStillNeeded, cardToDetach, customerNeededNoMore } from '../rules/saved-card-release';
import { pledgeStatuses } from '../rules/group-buy';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { releaseErasedCustomer, releaseSavedCard } from '../use-cases/release-saved-card';
import { buyer, closeWorld, type CloseWorld } from './close-world';
import { members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';
import { closeSettleMs } from '../rules/close-task';

const ann = buyer(1);
const ben = buyer(2);

/** The member's customer at the local Stripe as `GET /_local/stripe/customers` lists it. */
async function customerOf(w: CloseWorld, memberId: string) {
  const { customerId } = await w.pledge(memberId);
  return (await w.stripe.listCustomers()).find((customer) => customer.id === customerId);
}

/** The member keeps their customer for their next Join, as a Join records it. */
async function keepsCustomer(w: CloseWorld, memberId: string): Promise<void> {
  const { customerId = '' } = await w.pledge(memberId);
  await w.store.set(stripeCustomerPath(memberId), { memberId, customerId, createdAt: w.now().toISOString() });
}

describe('when a pledge needs its saved card', () => {
  it('needs it while the card is being saved, the pledge counts or waits, or its buyer is asked to pay; in no other status', () => {
    expect(pledgeStatuses.filter((status) => cardStillNeeded({ status }))).toEqual(['saving-card', 'pledged', 'waitlisted', 'needs-buyer']);
    expect([...cardNeededWhile].sort()).toEqual(['needs-buyer', 'pledged', 'saving-card', 'waitlisted']);
  });

  it('detaches a card that was saved, is needed no more and is not detached yet; none other', () => {
    expect(cardToDetach({ status: 'charged', paymentMethodId: 'pm_1' })).toBe(true);
    expect(cardToDetach({ status: 'charged' })).toBe(false);
    expect(cardToDetach({ status: 'pledged', paymentMethodId: 'pm_1' })).toBe(false);
    expect(cardToDetach({ status: 'withdrawn', paymentMethodId: 'pm_1', cardReleasedAt: '2026-12-10T18:00:00Z' })).toBe(false);
  });

  it('deletes a customer the member keeps for no next Join and no pledge on it still needs', () => {
    const ended = { status: 'charged' as const, customerId: 'cus_1' };
    expect(customerNeededNoMore('cus_1', undefined, [ended])).toBe(true);
    expect(customerNeededNoMore('cus_1', 'cus_1', [ended])).toBe(false);
    expect(customerNeededNoMore('cus_1', 'cus_2', [ended, { status: 'pledged', customerId: 'cus_1' }])).toBe(false);
    expect(customerNeededNoMore('cus_1', undefined, [ended, { status: 'pledged', customerId: 'cus_2' }])).toBe(true);
  });
});

describe('a pledge’s saved card at Stripe', () => {
  it('is detached once the close charges it; the customer stays for a member who keeps it, and is deleted for one who does not', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 2, pledges: [{ buyerId: ann }, { buyerId: ben }] });
    await keepsCustomer(w, ann);
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    expect((await w.pledges()).map((p) => p.status)).toEqual(['charged', 'charged']);
    expect(await customerOf(w, ann)).toMatchObject({ payment_methods: [] });
    expect(await customerOf(w, ann)).not.toHaveProperty('deleted');
    expect(await customerOf(w, ben)).toMatchObject({ deleted: true, payment_methods: [] });
    expect((await w.pledge(ann)).cardReleasedAt).toEqual(expect.stringMatching(/^2026-12-10T/));
  });

  it('is detached when a close short of its minimum lets the pledge go', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 5, pledges: [{ buyerId: ann }, { buyerId: ben, status: 'waitlisted' }] });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    expect((await w.pledges()).map((p) => p.status)).toEqual(['released', 'released']);
    for (const member of [ann, ben]) expect(await customerOf(w, member)).toMatchObject({ deleted: true, payment_methods: [] });
  });

  it('asked again, changes nothing: a detached card is marked on its pledge', async () => {
    const w = await closeWorld();
    await w.seed({ moq: 1, pledges: [{ buyerId: ann, status: 'withdrawn' }] });
    await keepsCustomer(w, ann);
    expect(await releaseSavedCard(w.deps, 'gb65', ann)).toBe(1);
    expect(await releaseSavedCard(w.deps, 'gb65', ann)).toBe(0);
    expect(await customerOf(w, ann)).toMatchObject({ payment_methods: [] });
  });

  it('stays while a pledge still needs it, even for a member who keeps no customer', async () => {
    const w = await closeWorld();
    await w.seed({ moq: 1, pledges: [{ buyerId: ann }] });
    expect(await releaseSavedCard(w.deps, 'gb65', ann)).toBe(0);
    expect((await customerOf(w, ann))?.payment_methods).toHaveLength(1);
  });
});

describe('an erasure at Stripe', () => {
  it('detaches the cards of ended pledges and deletes the member’s customer when no pledge needs it', async () => {
    const w = await closeWorld();
    await w.seed({ moq: 1, pledges: [{ buyerId: ann, status: 'released' }] });
    await keepsCustomer(w, ann);
    expect(await releaseErasedCustomer(w.deps, ann)).toBe(2);
    expect(await customerOf(w, ann)).toMatchObject({ deleted: true, payment_methods: [] });
    // An erasure stopped midway and run again: Stripe finds both gone already, which is no refusal.
    await expect(releaseErasedCustomer(w.deps, ann)).resolves.toBe(2);
  });

  it('keeps the card and customer an open pledge needs, and the close lets them go once the member’s record of the customer is erased', async () => {
    const w = await closeWorld();
    const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: ann }] });
    await keepsCustomer(w, ann);
    expect(await releaseErasedCustomer(w.deps, ann)).toBe(0);
    expect((await customerOf(w, ann))?.payment_methods).toHaveLength(1);
    // The erasure then deletes the member's record of their customer (`stripeCustomers`, erased at once).
    await w.store.delete(stripeCustomerPath(ann));
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    expect((await w.pledge(ann)).status).toBe('charged');
    expect(await customerOf(w, ann)).toMatchObject({ deleted: true, payment_methods: [] });
  });
});

describe('a card saved for a pledge that will never charge it', () => {
  const cardsOf = async (w: Awaited<ReturnType<typeof pledgeWorld>>, member: string) => {
    const { customerId } = (await w.pledge(member)) ?? {};
    return (await w.deps.payments.listCustomers()).find((customer) => customer.id === customerId)?.payment_methods ?? [];
  };

  it('is detached when its member leaves the group buy before the close', async () => {
    const w = await pledgeWorld();
    await w.joined(members[0]);
    expect(await cardsOf(w, members[0])).toHaveLength(1);
    await w.leave(members[0]);
    expect(await w.pledge(members[0])).toMatchObject({ status: 'withdrawn', cardReleasedAt: expect.any(String) });
    expect(await cardsOf(w, members[0])).toEqual([]);
  });

  it('is detached at once when saved on a page that counted for nothing (after the close), and again delivered changes nothing', async () => {
    const w = await pledgeWorld({ closes: '1h' });
    w.advance(45 * 60_000);
    const { sessionId } = await w.join(members[3]);
    w.advance(15 * 60_000 + closeSettleMs / 2);
    const sent = await w.saveCard(sessionId);
    await w.deliver(sent);
    await w.deliver(sent);
    expect(await w.pledge(members[3])).toMatchObject({ status: 'saving-card' });
    expect(await cardsOf(w, members[3])).toEqual([]);
  });

  it('is kept when it counts: a pledged card stays saved, delivered again too', async () => {
    const w = await pledgeWorld();
    const { sessionId } = await w.join(members[1]);
    const sent = await w.saveCard(sessionId);
    await w.deliver(sent);
    await w.deliver(sent);
    expect(await w.pledge(members[1])).toMatchObject({ status: 'pledged' });
    expect(await cardsOf(w, members[1])).toHaveLength(1);
  });
});
