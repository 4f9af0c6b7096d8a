/**
 * @module payout-form
 * `/payout user amount [note]` as typed, checked into values: the same check answers at
 * once in the ingress and decides again in the use case.
 */
import type { DiscordMessage } from '../../ports';
import { parseAmount, visibleText } from '../../common';
import { payoutRefusals } from './race-messages';

export const maxPayoutNoteLength = 200;

export type PayoutForm = { ok: true; racerId: string; amountCents: number; note?: string } | { ok: false; answer: DiscordMessage };

/** The racer to pay, when the command names one by a user id. */
export function payoutRacerOf(options: Record<string, string | number | boolean>): string | undefined {
  return typeof options.user === 'string' && /^\d{17,20}$/.test(options.user) ? options.user : undefined;
}

/** The command's options in the race currency, checked the same way in the ingress (an instant answer) and here. */
export function readPayoutForm(options: Record<string, string | number | boolean>, currency: string): PayoutForm {
  const racerId = payoutRacerOf(options);
  if (!racerId) return { ok: false, answer: payoutRefusals.needsUser };
  const amount =
    options.amount === undefined ? { ok: false as const, reason: 'Say how much to pay.' } : parseAmount(options.amount as number | string, currency);
  if (!amount.ok) return { ok: false, answer: payoutRefusals.amount(amount.reason) };
  const note = typeof options.note === 'string' ? (visibleText(options.note) ?? '') : '';
  if (note.length > maxPayoutNoteLength) return { ok: false, answer: payoutRefusals.note };
  return { ok: true, racerId, amountCents: amount.cents, ...(note ? { note } : {}) };
}
