/**
 * A refused card in the buyer's words: one mapping from Stripe's codes to what the buyer can
 * do, and no DM of the group buy's flows carries Stripe's own text. Found from outside: a buyer
 * read "could not be charged without you (No such PaymentMethod: 'pm_…')".
 */
import { pledgePath } from '../rules/group-buy';
import { closeTaskOf } from '../rules/charge-tasks';
import { everyRefusalWording, refusalInBuyersWords } from '../rules/refusal-words';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { testCards } from '../../local/stripe/test-cards';
import { offSessionOutcome } from '../../local/stripe/test-cards';
import { buyer, closeWorld } from './close-world';

/** What Stripe says that a buyer must never read: its messages, and the ids of its objects. */
const stripesOwnText = [/No such/i, /Your card was declined/i, /requires authentication/i, /\b(pm|cus|pi|seti|cs|ch|re|tr)_[A-Za-z0-9]/];
const refusedMessages = (['authentication_required', 'declined'] as const).flatMap((card) => {
  const outcome = offSessionOutcome(card);
  return outcome.status === 'succeeded' ? [] : [outcome.error.message];
});

describe('a refused card, in the buyer’s words', () => {
  it('says what the bank wants and what the buyer can do, by Stripe’s decline code first, then its error code', () => {
    expect(refusalInBuyersWords({ code: 'card_declined', declineCode: 'insufficient_funds' })).toContain('not enough funds');
    expect(refusalInBuyersWords({ code: 'card_declined', declineCode: 'authentication_required' })).toContain('confirm this payment yourself');
    expect(refusalInBuyersWords({ code: 'authentication_required' })).toContain('confirm this payment yourself');
    expect(refusalInBuyersWords({ code: 'expired_card' })).toContain('the card has expired');
    expect(refusalInBuyersWords({ code: 'resource_missing' })).toContain('the card you saved is no longer on file');
  });

  it('reads a card reported lost or stolen, and any code it does not know, as a plain decline', () => {
    const plain = refusalInBuyersWords({});
    expect(plain).toContain('your bank declined the card');
    for (const declineCode of ['lost_card', 'stolen_card', 'fraudulent', 'pickup_card', 'something_new'])
      expect(refusalInBuyersWords({ code: 'card_declined', declineCode })).toBe(plain);
  });

  it('never gives Stripe’s own words, and always says what the buyer can do', () => {
    for (const words of everyRefusalWording) {
      for (const raw of stripesOwnText) expect(words).not.toMatch(raw);
      expect(words).toMatch(/you can|yourself/);
    }
  });
});

describe('every DM a group buy’s close sends', () => {
  it('carries none of Stripe’s own text: a card that needs its buyer, one declined, and one Stripe no longer has', async () => {
    const w = await closeWorld();
    const [works, auth, declined, gone] = [buyer(1), buyer(2), buyer(3), buyer(4)];
    const groupBuy = await w.seed({
      moq: 2,
      pledges: [{ buyerId: works }, { buyerId: auth, card: 'authentication_required' }, { buyerId: declined, card: 'declined' }, { buyerId: gone }],
    });
    // The card was removed at Stripe since it was saved: Stripe answers `No such PaymentMethod`.
    await w.store.update(pledgePath(groupBuy.groupBuyId, gone), { paymentMethodId: 'pm_removed_since' });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    expect(await w.pledge(gone)).toMatchObject({ status: 'needs-buyer', refusal: expect.stringContaining('no longer on file') });
    expect(w.dmsTo(gone).join('\n')).toContain('the card you saved is no longer on file');
    expect(w.dmsTo(auth).join('\n')).toContain('Your bank asks you to confirm this payment yourself');
    expect(w.dmsTo(declined).join('\n')).toContain('your bank declined the card');

    const dms = w.discord.entries.filter((e) => e.kind === 'dm');
    expect(dms.length).toBeGreaterThanOrEqual(4);
    for (const dm of dms) {
      const words = [dm.message.content ?? '', ...(dm.message.embeds ?? []).map((e) => `${e.title ?? ''} ${e.description ?? ''}`)].join('\n');
      for (const raw of stripesOwnText) expect(words).not.toMatch(raw);
      for (const message of refusedMessages) expect(words).not.toContain(message);
    }
    expect(Object.keys(testCards)).toContain('declined');
  });
});
