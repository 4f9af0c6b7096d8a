/**
 * The lines the receipt and release SLOs count (terraform/metrics.tf), as the payment and the
 * proof write them against the local simulator: a receipt owed once a payment, its delay
 * counted from the moment Stripe made the event (not from our own Stripe call or the queue), a
 * DM Discord refused logged as such, and a release owed once a proof, before Stripe may refuse it.
 */
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { proveOrder } from '../../live/use-cases/prove-order';
import { tellOnce } from '../../discord';
import type { DiscordMessenger } from '../../ports';
import { BUILDERS, HOST, SHOW_ID, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';
import { logLinesOf } from '../../../test/support/log-lines';

const [juno] = BUILDERS;
const lot = auctionOfferOrderId('auct0001', 0);
const eventsOf = (lines: Array<Record<string, unknown>>, ...events: string[]) => lines.filter((l) => events.includes(String(l.event)));

/** One lot won from juno, its show checkout paid at Stripe; the event not delivered yet. */
async function paidAtStripe(options: { onboarded?: boolean } = {}) {
  const w = showPaymentsWorld();
  await w.setUp();
  const builder = await w.account(juno as string, options.onboarded ?? true);
  await w.hammer({ auctionId: 'auct0001', builderId: juno as string, item: 'Tofu65', priceCents: 25_000 });
  await openShowCheckouts(w.deps, SHOW_ID);
  const [session] = await w.payments.listSessions();
  await w.payments.paySession(session?.id as string);
  return { w, builder, paid: w.event('checkout.session.completed', 'evt_paid') };
}

describe('the lines the receipt and release SLOs count', () => {
  it('GIVEN a payment whose event reaches us 40 s after Stripe made it THEN its receipt is told 40 s after the payment, and one receipt is owed however often the event comes', async () => {
    const { w, paid } = await paidAtStripe();
    w.advance(40_000);
    const first = await logLinesOf(() => w.deliver(paid));
    const again = await logLinesOf(() => w.deliver(paid));

    expect(eventsOf(first.lines, 'receipt.owed', 'dm.told').filter((l) => l.event === 'receipt.owed' || l.fact === 'show-receipt')).toEqual([
      expect.objectContaining({ event: 'receipt.owed', eventId: 'evt_paid', bundled: true }),
      expect.objectContaining({ event: 'dm.told', fact: 'show-receipt', outcome: 'sent', ms: 40_000 }),
    ]);
    expect(eventsOf(again.lines, 'receipt.owed', 'dm.told')).toEqual([]);
  });

  it('GIVEN Discord refusing the receipt THEN the attempt is logged as not told, with the time since the payment, and the error goes on so that the event comes back', async () => {
    const { w, paid } = await paidAtStripe();
    const down: DiscordMessenger = {
      postToChannel: (channelId, message) => w.discord.postToChannel(channelId, message),
      editChannelMessage: (channelId, messageId, message) => w.discord.editChannelMessage(channelId, messageId, message),
      editOriginalResponse: (reply, message) => w.discord.editOriginalResponse(reply, message),
      sendFollowup: (reply, message) => w.discord.sendFollowup(reply, message),
      sendDm: async () => {
        throw Object.assign(new Error('Discord answered 503'), { name: 'DiscordAPIError', status: 503 });
      },
    };
    w.advance(5_000);
    const logged = await logLinesOf(() =>
      expect(
        tellOnce({ ...w.deps, discord: down }, 'receipt:o1', WINNER, { content: 'paid' }, undefined, { since: new Date(paid.created * 1000).toISOString() }),
      ).rejects.toThrow('503'),
    );
    expect(eventsOf(logged.lines, 'dm.failed', 'dm.told')).toEqual([expect.objectContaining({ event: 'dm.failed', fact: 'receipt', ms: 5_000 })]);
  });

  it('GIVEN Stripe refusing a proof’s release THEN the release is owed before it is refused, and each new proof owes one more, a redelivered one none', async () => {
    const { w, builder, paid } = await paidAtStripe({ onboarded: false });
    await w.deliver(paid);
    const refused = await logLinesOf(() => proveOrder(w.deps, builder, lot, {}, 'i1'));
    expect(eventsOf(refused.lines, 'release.owed', 'release.refused', 'release.sent').map((l) => l.event)).toEqual(['release.owed', 'release.refused']);

    await w.payments.completeOnboarding(builder.stripeAccountId as string);
    const sent = await logLinesOf(() => proveOrder(w.deps, { ...builder, transfersActive: true }, lot, {}, 'i2'));
    const redelivered = await logLinesOf(() => proveOrder(w.deps, { ...builder, transfersActive: true }, lot, {}, 'i2'));
    expect(eventsOf(sent.lines, 'release.owed', 'release.refused', 'release.sent')).toEqual([
      expect.objectContaining({ event: 'release.owed', orderId: lot }),
      expect.objectContaining({ event: 'release.sent', orderId: lot, waited: false, ms: 0 }),
    ]);
    expect(eventsOf(redelivered.lines, 'release.owed', 'release.sent')).toEqual([]);
  });

  it('GIVEN a show lot whose host’s cut is cut short after the builder’s transfer went out THEN the release is logged sent once, by the call that finishes the cut', async () => {
    const { w, builder, paid } = await paidAtStripe();
    await w.deliver(paid);
    // The host's DM, sent before the cut is recorded, refused once: the cut stays pending for the next call.
    let refused = false;
    const discord: DiscordMessenger = {
      postToChannel: (channelId, message) => w.discord.postToChannel(channelId, message),
      editChannelMessage: (channelId, messageId, message) => w.discord.editChannelMessage(channelId, messageId, message),
      editOriginalResponse: (reply, message) => w.discord.editOriginalResponse(reply, message),
      sendFollowup: (reply, message) => w.discord.sendFollowup(reply, message),
      sendDm: async (userId, message) => {
        if (userId === HOST && !refused) {
          refused = true;
          throw Object.assign(new Error('Discord answered 503'), { name: 'DiscordAPIError', status: 503 });
        }
        return w.discord.sendDm(userId, message);
      },
    };
    const first = await logLinesOf(() => expect(proveOrder({ ...w.deps, discord }, builder, lot, {}, 'i1')).rejects.toThrow('503'));
    const again = await logLinesOf(() => proveOrder({ ...w.deps, discord }, builder, lot, {}, 'i1'));
    // The release is not finished until the host's cut is sent, owed or found to be nothing: the call cut short logs
    // the release owed and nothing sent; the one that finishes it logs it sent, once.
    expect(eventsOf(first.lines, 'release.owed', 'release.sent').map((l) => l.event)).toEqual(['release.owed']);
    expect(eventsOf(again.lines, 'release.owed', 'release.sent').map((l) => l.event)).toEqual(['release.sent']);
  });
});
