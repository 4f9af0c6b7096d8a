/**
 * The world the give-back tests start from: two lots won from juno in one show checkout, paid
 * at Stripe after the checkout expired (C500 gives the whole payment back) or after the second
 * lot moved on to its runner-up (C500 gives that lot's part back). Stripe's payment event is
 * returned undelivered: each test delivers it under its own Stripe.
 */
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import { passToRunnerUp } from '../../auctions';
import type { StripeEvent } from '../rules/stripe-event';
import { guildFraudSettingsPath } from '../rules/fraud-warning';
import { BUILDERS, GUILD, HOST, showPaymentsWorld } from '../../../test/support/show-payments';

export const juno = BUILDERS[0] as string;
export const first = auctionOfferOrderId('auct0001', 0);
export const second = auctionOfferOrderId('auct0002', 0);

export type PaidLate = 'checkout-expired' | 'lot-moved-on';

/** `fraudSettingsBy`: an admin who configured the server's fraud settings (who a dispute's words go to). */
export async function twoLotsPaidLate(late: PaidLate, options: { fraudSettingsBy?: string } = {}) {
  const w = showPaymentsWorld();
  await w.setUp();
  if (options.fraudSettingsBy) await w.store.set(guildFraudSettingsPath(GUILD), { configuredBy: options.fraudSettingsBy });
  await w.account(juno);
  await w.account(HOST);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65 in e-white', priceCents: 25_000, runnerUpCents: 24_000 });
  await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345, runnerUpCents: 12_000 });
  await openShowCheckouts(w.deps, 'show0001');
  const [session] = await w.payments.listSessions();
  const sessionId = session?.id as string;
  await w.payments.paySession(sessionId);
  const paid = w.event('checkout.session.completed', 'evt_paid');
  if (late === 'checkout-expired') {
    const object = { ...paid.data.object, status: 'expired', payment_status: 'unpaid' } as StripeEvent['data']['object'];
    await w.deliver({ ...paid, id: 'evt_expired', type: 'checkout.session.expired', data: { object } });
  } else if (!(await passToRunnerUp(w.deps, second, 'evt_lot_lapsed'))) throw new Error('the second lot did not move on to its runner-up');
  return { w, paid, sessionId, lots: late === 'checkout-expired' ? [first, second] : [second] };
}
