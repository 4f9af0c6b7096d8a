/**
 * @module account-messages
 * What a builder hears when their connected account stops working for C500: access revoked
 * (`account.application.deauthorized`), or a payout to their bank that failed (`payout.failed`).
 */
import type { DiscordMessage } from '../../ports';
import { clip } from '../../discord';
import { formatMoney } from '../../common';

const plain = (content: string): DiscordMessage => ({ allowed_mentions: { parse: [] }, content });

/** How a person who revoked C500 gets what waits for them: the words every such message ends with. */
export const reconnectStripe = 'Run `/c500 onboard` to connect a Stripe account again; what waited is released once Stripe has checked it.';

export const accountDms = {
  revoked: plain(
    `You disconnected C500 from your Stripe account, so C500 can no longer pay you: your drops and auctions take no new payments, and the money of orders you prove waits for you. ${reconnectStripe}`,
  ),
  /** Stripe's own failure message (the bank's reason), and what to do about it. */
  payoutFailed: (payout: { amountCents: number; currency: string; failureMessage?: string; failureCode?: string }): DiscordMessage =>
    plain(
      `Stripe could not pay ${formatMoney({ cents: payout.amountCents, currency: payout.currency })} out to your bank` +
        `${payout.failureMessage ? `: “${clip(payout.failureMessage.replace(/[<>@`]/g, ''), 300)}”` : payout.failureCode ? ` (${payout.failureCode})` : ''}. ` +
        'The money is back in your Stripe balance. Check your bank details in your Stripe Express dashboard (the **Stripe** link on your C500 dashboard, or `/c500 onboard`); Stripe pays out again once they are fixed.',
    ),
};
