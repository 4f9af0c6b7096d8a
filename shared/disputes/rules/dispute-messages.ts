/**
 * @module dispute-messages
 * What the builder hears of a dispute on their orders (opened, evidence submitted, won,
 * lost), and the answers of `/c500 dispute note`. Nothing here names the buyer's address.
 */
import type { DiscordMessage } from '../../ports';
import { formatMoney } from '../../common';
import { privateNote } from '../../discord';
import { reconnectStripe } from '../../onboarding';
import { maxNoteLength } from './evidence';
import type { Dispute } from './dispute';
import type { GivenBackMoney } from '../../payments';

const dm = (content: string): DiscordMessage => ({ content: content.slice(0, 2000), allowed_mentions: { parse: [] } });
const due = (d: Pick<Dispute, 'dueBy'>) => (d.dueBy ? `<t:${d.dueBy}:F> (<t:${d.dueBy}:R>)` : 'soon');
const amount = (d: Pick<Dispute, 'amountCents' | 'currency'>) => formatMoney({ cents: d.amountCents, currency: d.currency });
const orders = (ids: readonly string[]) => ids.map((id) => `\`${id}\``).join(', ');

export const disputeDms = {
  opened: (d: Dispute) =>
    dm(
      `⚠️ The buyer disputed the payment for order ${orders(d.orderIds)} with their bank (${amount(d)}, reason: ${d.reason.replaceAll('_', ' ')}). ` +
        `Its money stays held (or what was released is taken back) until the bank decides. C500 sends the evidence it has (your proof of work, ` +
        `shipping and tracking, the order’s timeline) a day before it is due: ${due(d)}. ` +
        `Add your own words for the bank before then: \`/c500 dispute note order:${d.orderIds[0] ?? ''} text:<what happened>\`.`,
    ),
  inquiryOpened: (d: Dispute) =>
    dm(
      `❔ The buyer’s bank asked about the payment for order ${orders(d.orderIds)} (${amount(d)}, reason: ${d.reason.replaceAll('_', ' ')}). ` +
        `This is an inquiry, not a chargeback: no money was taken, and yours stays yours. C500 answers with the evidence it has before ${due(d)}; ` +
        `add your words with \`/c500 dispute note order:${d.orderIds[0] ?? ''} text:<what happened>\`. A refund settles it.`,
    ),
  inquiryClosed: (d: Dispute) => dm(`☑️ The bank’s inquiry about order ${orders(d.orderIds)} is closed without a chargeback: nothing changes for you.`),
  submitted: (d: Dispute) => dm(`📨 The evidence for the dispute on order ${orders(d.orderIds)} went to the buyer’s bank. The bank decides; you’ll hear here.`),
  won: (d: Dispute) =>
    dm(`✅ The dispute on order ${orders(d.orderIds)} was won: what was held or taken back for it is yours again, and a release waiting on it goes out.`),
  /** Won, but what it took back waits for an account the builder revoked: not theirs again until they connect one. */
  wonHeld: (d: Dispute) =>
    dm(
      `✅ The dispute on order ${orders(d.orderIds)} was won, but your Stripe account is disconnected from C500: what was taken back for it is held on C500 until you reconnect Stripe. ${reconnectStripe}`,
    ),
  lost: (d: Dispute) =>
    dm(`✖️ The dispute on order ${orders(d.orderIds)} was lost: the bank returned ${amount(d)} to the buyer, so that part of the order is not paid to you.`),
};

/**
 * What a server's admin hears of a dispute on lots paid after they were gone (give-payment-back):
 * nothing was sold, so no builder is told; what to do depends on where the buyer's money was.
 */
export const givenBackDisputeDms = {
  opened: (d: Dispute, lots: readonly string[], money: GivenBackMoney, leftCents = 0) =>
    dm(
      `⚠️ The buyer’s bank charged back the payment for ${orders(lots)} (${amount(d)}, reason: ${d.reason.replaceAll('_', ' ')}), a payment that came after ` +
        `the lots were gone. Stripe took the amount and its dispute fee from the platform’s balance. ` +
        {
          held: 'Stripe would not let C500 give it back, so the chargeback returns the money C500 held for the buyer: do not refund it in Stripe too (they would be paid twice).',
          owed: `C500’s refund of it had failed at their bank: the chargeback pays them back what they were owed, so do not pay them another way too${leftCents > 0 ? '.' : '; the money check no longer lists it.'}`,
          'given-back': `C500 had already refunded it: answer the dispute in Stripe’s dashboard with that refund as evidence before ${due(d)}, or the buyer is paid twice.`,
        }[money] +
        (money !== 'given-back' && leftCents > 0
          ? ` It charged back only part: ${formatMoney({ cents: leftCents, currency: d.currency })} is still theirs, and Stripe refuses any refund of the charge until the bank decides. The money check lists it as waiting, then says what to do.`
          : ''),
    ),
  won: (_d: Dispute, lots: readonly string[], money: GivenBackMoney) =>
    dm(
      `✅ The bank decided the dispute on ${orders(lots)} for C500: the money came back to the platform. ` +
        (money === 'given-back'
          ? 'The buyer keeps the refund C500 gave them.'
          : `It is the buyer’s again, held for them: give it back with \`/c500 refund order:${lots[0] ?? ''}\` (the money check lists it until then).`),
    ),
  lost: (d: Dispute, lots: readonly string[], money: GivenBackMoney, leftCents = 0) =>
    dm(
      `✖️ The bank decided the dispute on ${orders(lots)} for the buyer: it returned ${amount(d)} to them. ` +
        (money === 'given-back'
          ? 'They had been refunded too: the platform lost that amount.'
          : leftCents > 0
            ? `It charged back only part of what C500 holds for them: ${formatMoney({ cents: leftCents, currency: d.currency })} is still theirs, and Stripe refuses any refund of a charge charged back and lost. ` +
              'Pay them back outside Stripe (a bank transfer, PayPal, store credit), then record it on the money check with **Record the buyer paid back**.'
            : 'Nothing more is owed to them for it.'),
    ),
};

export const noteAnswers = {
  saved: (orderId: string, replaced: boolean) =>
    privateNote(`${replaced ? 'Your note was replaced' : 'Your note was added'}: it goes to the bank with the evidence for order \`${orderId}\`.`),
  notFound: (orderId: string) =>
    privateNote(`There’s no order \`${orderId.slice(0, 40)}\` here. Copy the id from your DM, like \`/c500 dispute note order:k3v9m2qa text:…\`.`),
  notYours: (orderId: string) => privateNote(`Order \`${orderId}\` isn’t one of yours: only its builder can add a note to its dispute.`),
  notDisputed: (orderId: string) => privateNote(`Order \`${orderId}\` has no dispute open: there is nothing to add a note to.`),
  submitted: (orderId: string) => privateNote(`The evidence for order \`${orderId}\` was already sent to the bank: a note can no longer be added.`),
  empty: privateNote('Type what the bank should know, like `text:Shipped on May 2 with tracking; the buyer confirmed in Discord`.'),
  tooLong: privateNote(`A note is at most ${maxNoteLength} characters: shorten it and run the command again.`),
};
