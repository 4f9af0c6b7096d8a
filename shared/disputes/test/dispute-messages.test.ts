/**
 * What the builder hears of a dispute (dispute-messages): the DMs as it opens, is answered
 * and closes, and the answers of `/c500 dispute note`, with amounts, orders and dates shown.
 */
import { EPHEMERAL } from '../../discord';
import type { DiscordMessage } from '../../ports';
import type { Dispute } from '../rules/dispute';
import { disputeDms, noteAnswers } from '../rules/dispute-messages';
import { maxNoteLength } from '../rules/evidence';

const dispute = (over: Partial<Dispute> = {}): Dispute => ({
  disputeId: 'dp_1',
  chargeId: 'ch_1',
  amountCents: 24_000,
  currency: 'usd',
  reason: 'product_not_received',
  status: 'needs_response',
  dueBy: 1_780_000_000,
  balance: {},
  seenAt: 1_779_000_000,
  state: 'open',
  feeCents: 1_500,
  orderIds: ['k3v9m2qa'],
  firstSeenAt: '2026-05-20T10:00:00.000Z',
  ...over,
});

const text = (message: DiscordMessage) => message.content ?? '';
const isPrivate = (message: DiscordMessage) => message.flags === EPHEMERAL;

describe('the DM a builder gets when a buyer disputes a payment', () => {
  it('names the order, the amount in its currency, the bank’s reason in words and the due date as Discord timestamps', () => {
    const opened = text(disputeDms.opened(dispute()));
    expect(opened).toContain('order `k3v9m2qa`');
    expect(opened).toContain('$240.00');
    expect(opened).toContain('reason: product not received');
    expect(opened).toContain('<t:1780000000:F> (<t:1780000000:R>)');
  });

  it('says “soon” when Stripe gave no due date', () => {
    const opened = text(disputeDms.opened(dispute({ dueBy: undefined })));
    expect(opened).toContain('due: soon.');
    expect(opened).not.toContain('<t:');
  });

  it('lists every order a show checkout’s charge paid, and puts the first in the note command to copy', () => {
    const opened = text(disputeDms.opened(dispute({ orderIds: ['lot0001a', 'lot0002b'], currency: 'jpy', amountCents: 5_000 })));
    expect(opened).toContain('order `lot0001a`, `lot0002b`');
    expect(opened).toContain('5,000 JPY');
    expect(opened).toContain('`/c500 dispute note order:lot0001a text:<what happened>`');
  });

  it('leaves the order out of the command rather than writing “undefined” when the charge paid none of ours', () => {
    const opened = text(disputeDms.opened(dispute({ orderIds: [] })));
    expect(opened).toContain('`/c500 dispute note order: text:<what happened>`');
    expect(opened).not.toContain('undefined');
  });

  it('pings nobody and fits Discord’s 2,000 characters, however long the reason and the orders', () => {
    const long = dispute({ reason: 'x'.repeat(3_000), orderIds: Array.from({ length: 40 }, (_, i) => `lot${String(i).padStart(5, '0')}`) });
    for (const message of [disputeDms.opened(long), disputeDms.submitted(long), disputeDms.won(long), disputeDms.wonHeld(long), disputeDms.lost(long)]) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(text(message).length).toBeLessThanOrEqual(2_000);
    }
    expect(text(disputeDms.opened(long))).toHaveLength(2_000);
  });
});

describe('the DMs as the dispute goes on', () => {
  it('tells the builder the evidence went to the bank, naming the order', () => {
    expect(text(disputeDms.submitted(dispute()))).toMatch(/^📨 The evidence for the dispute on order `k3v9m2qa` went to the buyer’s bank/);
  });

  it('tells the builder a won dispute gives back what was held, naming the order', () => {
    expect(text(disputeDms.won(dispute()))).toMatch(/^✅ The dispute on order `k3v9m2qa` was won/);
  });

  it('tells a builder whose account is revoked that a won dispute’s money is held until they reconnect Stripe, and how, word for word', () => {
    const held = disputeDms.wonHeld(dispute({ state: 'won', status: 'won' }));
    expect(text(held)).toBe(
      '✅ The dispute on order `k3v9m2qa` was won, but your Stripe account is disconnected from C500: what was taken back for it is held on C500 until you reconnect Stripe. ' +
        'Run `/c500 onboard` to connect a Stripe account again; what waited is released once Stripe has checked it.',
    );
    expect(text(held)).not.toContain('yours again');
    expect(held.allowed_mentions).toEqual({ parse: [] });
  });

  it('tells the builder a lost dispute returned the amount to the buyer, naming the order and the amount', () => {
    const lost = text(disputeDms.lost(dispute({ amountCents: 12_550 })));
    expect(lost).toMatch(/^✖️ The dispute on order `k3v9m2qa` was lost/);
    expect(lost).toContain('returned $125.50 to the buyer');
  });
});

describe('the answers of /c500 dispute note', () => {
  it('says whether a note was added or replaced, only to the builder, naming the order', () => {
    const added = noteAnswers.saved('k3v9m2qa', false);
    const replaced = noteAnswers.saved('k3v9m2qa', true);
    expect(isPrivate(added) && isPrivate(replaced)).toBe(true);
    expect(text(added)).toMatch(/^Your note was added: .*order `k3v9m2qa`/);
    expect(text(replaced)).toMatch(/^Your note was replaced: .*order `k3v9m2qa`/);
  });

  it('shows at most 40 characters of an order id that matches nothing, and how to copy the right one', () => {
    const typed = 'z'.repeat(300);
    const answer = text(noteAnswers.notFound(typed));
    expect(answer).toContain(`order \`${'z'.repeat(40)}\` here`);
    expect(answer).not.toContain('z'.repeat(41));
    expect(answer).toContain('`/c500 dispute note order:k3v9m2qa text:…`');
  });

  it('names the order in each refusal: not the builder’s, no dispute open, evidence already sent', () => {
    expect(text(noteAnswers.notYours('k3v9m2qa'))).toMatch(/^Order `k3v9m2qa` isn’t one of yours/);
    expect(text(noteAnswers.notDisputed('k3v9m2qa'))).toMatch(/^Order `k3v9m2qa` has no dispute open/);
    expect(text(noteAnswers.submitted('k3v9m2qa'))).toMatch(/^The evidence for order `k3v9m2qa` was already sent/);
    for (const refusal of [noteAnswers.notYours('a'), noteAnswers.notDisputed('a'), noteAnswers.submitted('a'), noteAnswers.empty]) {
      expect(isPrivate(refusal)).toBe(true);
    }
  });

  it('gives the longest note allowed in a note that is too long', () => {
    expect(text(noteAnswers.tooLong)).toContain(`at most ${maxNoteLength} characters`);
    expect(maxNoteLength).toBe(1_000);
  });
});

describe('the DMs a builder gets when the buyer’s bank only asks (an inquiry)', () => {
  const inquiry = dispute({ status: 'warning_needs_response', reason: 'product_not_received' });

  it('names the order, the amount, the reason in words and the due date, and says no money was taken', () => {
    const opened = text(disputeDms.inquiryOpened(inquiry));
    expect(opened).toBe(
      '❔ The buyer’s bank asked about the payment for order `k3v9m2qa` ($240.00, reason: product not received). ' +
        'This is an inquiry, not a chargeback: no money was taken, and yours stays yours. C500 answers with the evidence it has before ' +
        '<t:1780000000:F> (<t:1780000000:R>); add your words with `/c500 dispute note order:k3v9m2qa text:<what happened>`. A refund settles it.',
    );
    expect(disputeDms.inquiryOpened(inquiry).allowed_mentions).toEqual({ parse: [] });
  });

  it('leaves the order out of the note command when the inquiry names none', () => {
    expect(text(disputeDms.inquiryOpened(dispute({ orderIds: [] })))).toContain('`/c500 dispute note order: text:<what happened>`');
  });

  it('says plainly that a closed inquiry changes nothing for the builder', () => {
    expect(text(disputeDms.inquiryClosed(inquiry))).toBe(
      '☑️ The bank’s inquiry about order `k3v9m2qa` is closed without a chargeback: nothing changes for you.',
    );
  });
});
