/**
 * @module pay-racer
 * `/payout user amount [note]`: an admin moves a racer's pending earnings to paid. The
 * check against the pending balance and the ledger entry are one transaction that reads
 * every shard of the wallet, so two admins paying at once can never pay more than is pending: one wins, the other is
 * told the balance. A racer with a Stripe Connect account that can take payouts gets a
 * Transfer (idempotency key from the payout id); otherwise the payout is recorded as made by
 * hand (gift card, store credit) with the admin's note. Either way the channel sees it.
 */
import type { DiscordMessage, DocumentStore, Clock, DiscordMessenger, Payments } from '../../ports';
import { builderPath } from '../../onboarding';
import { shortIdFrom, runOnce } from '../../common';
import { commandCall, isGuildAdmin, type Interaction, refusals, placeOf } from '../../discord';
import { readPayoutForm, type PayoutForm } from '../rules/payout-form';
import { cashedOut, payoutDone, payoutFailed, payoutRefusals } from '../rules/race-messages';
import { payoutPath, type Payout } from '../rules/wallet';
import { readWallet } from './race-balances';
import { PaymentRefused } from '../../errors';
import { moneyNeedsHuman } from '../../money-needs-human';
import { writeLedgerEntry } from './race-ledger';
import { loadRaceSettings } from './race-settings';
import { readEntries, withJournalAppends, writeEntry } from '../../journal';
import { payoutSentEntry } from '../rules/race-journal';
import { personPseudonym } from '../../log';

export interface PayRacerDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  clock: Clock;
  /** The deployment's currency, a guild's race currency until its admins set another. */
  marketplace: { currency: string };
}

type Recorded = { ok: true; payout: Payout } | { ok: false; answer: DiscordMessage };

export async function payRacer(deps: PayRacerDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user: admin, guildId, channelId } = place;
  if (!isGuildAdmin(interaction)) return payoutRefusals.notAdmin;
  // Read in the currency the guild's wallets hold, so `/payout amount:2400` is ¥2,400 in a yen guild.
  const settings = await loadRaceSettings({ store: deps.store, currency: deps.marketplace.currency }, guildId);
  const form = readPayoutForm(commandCall(interaction).options, settings.currency);
  if (!form.ok) return form.answer;

  const payoutId = shortIdFrom(`payout:${interaction.id}`);
  const builder = await deps.store.get(builderPath(form.racerId));
  const account = builder?.stripeAccountId && builder.payoutsEnabled ? builder.stripeAccountId : undefined;
  const recorded = await recordPayout(deps, { payoutId, guildId, adminId: admin.id, form, method: account ? 'stripe' : 'by-hand' });
  if (!recorded.ok) return recorded.answer;
  let payout = recorded.payout;

  if (payout.method === 'stripe' && payout.status === 'recorded' && account) payout = await sendTransfer(deps, payout, account);
  const pending = (await readWallet(deps.store, guildId, payout.racerId, { races: false }))?.pendingCents ?? 0;
  if (payout.status === 'failed') return payoutFailed(payout, pending);
  await runOnce(deps.store, `payout-posted:${payoutId}`, async () => void (await deps.discord.postToChannel(channelId, cashedOut(payout))), {
    clock: deps.clock,
  });
  return payoutDone(payout, pending);
}

interface PayoutRequest {
  payoutId: string;
  guildId: string;
  adminId: string;
  form: Extract<PayoutForm, { ok: true }>;
  method: Payout['method'];
}

async function recordPayout(deps: PayRacerDeps, request: PayoutRequest): Promise<Recorded> {
  const { payoutId, guildId, form } = request;
  return deps.store.runTransaction(async (tx): Promise<Recorded> => {
    const existing = await tx.get(payoutPath(payoutId));
    const wallet = await readWallet(tx, guildId, form.racerId, { races: false });
    // A redelivered command finds its payout and carries on from where it was.
    if (existing) return { ok: true, payout: existing };
    if (!wallet || wallet.pendingCents <= 0) return { ok: false, answer: payoutRefusals.nothingPending(form.racerId) };
    if (form.amountCents > wallet.pendingCents)
      return { ok: false, answer: payoutRefusals.tooMuch(form.racerId, form.amountCents, wallet.pendingCents, wallet.currency) };
    const at = deps.clock.now().toISOString();
    const payout: Payout = {
      payoutId,
      guildId,
      racerId: form.racerId,
      amountCents: form.amountCents,
      currency: wallet.currency,
      paidBy: request.adminId,
      at,
      method: request.method,
      status: 'recorded',
      ...(form.note ? { note: form.note } : {}),
    };
    await withJournalAppends(tx, (writes) => {
      writes.create(payoutPath(payoutId), payout);
      // Paid by hand, it has gone out already; a transfer's entry is written once Stripe made it.
      if (payout.method === 'by-hand') writes.append(payoutSentEntry(payout));
      writeLedgerEntry(writes, {
        entryId: `payout-${payoutId}`,
        guildId,
        racerId: form.racerId,
        kind: 'payout',
        amountCents: -form.amountCents,
        currency: wallet.currency,
        at,
        payoutId,
      });
    });
    return { ok: true, payout };
  });
}

/** The Transfer, keyed by the payout; a refusal puts the money back as a new ledger entry. */
async function sendTransfer(deps: PayRacerDeps, payout: Payout, destination: string): Promise<Payout> {
  try {
    const { transferId } = await deps.payments.createTransfer({
      idempotencyKey: `payout:${payout.payoutId}`,
      amountCents: payout.amountCents,
      currency: payout.currency,
      destination,
      transferGroup: `payout-${payout.payoutId}`,
      metadata: { kind: 'race-payout', payout_id: payout.payoutId, guild_id: payout.guildId, racer_pseudonym: personPseudonym(payout.racerId) },
    });
    const sent = { ...payout, status: 'sent' as const, transferId };
    await deps.store.runTransaction(async (tx) => {
      const current = await tx.get(payoutPath(payout.payoutId));
      if (current?.status === 'sent') return;
      const entry = payoutSentEntry(sent, transferId);
      const read = await readEntries(tx, entry ? [entry.entryId] : []);
      tx.update(payoutPath(payout.payoutId), { status: 'sent', transferId });
      writeEntry(tx, read, entry);
    });
    return sent;
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    moneyNeedsHuman('racer-payout-refused', {
      payoutId: payout.payoutId,
      guildId: payout.guildId,
      amountCents: payout.amountCents,
      currency: payout.currency,
      error,
    });
    return undoPayout(deps, payout, error.message);
  }
}

async function undoPayout(deps: PayRacerDeps, payout: Payout, failure: string): Promise<Payout> {
  return deps.store.runTransaction(async (tx) => {
    const current = await tx.get(payoutPath(payout.payoutId));
    if (current?.status === 'failed') return current;
    const at = deps.clock.now().toISOString();
    await withJournalAppends(tx, (writes) => {
      writes.update(payoutPath(payout.payoutId), { status: 'failed', failure });
      writeLedgerEntry(writes, {
        entryId: `payout-${payout.payoutId}-undone`,
        guildId: payout.guildId,
        racerId: payout.racerId,
        kind: 'payout-reversal',
        amountCents: payout.amountCents,
        currency: payout.currency,
        at,
        payoutId: payout.payoutId,
      });
    });
    return { ...payout, status: 'failed' as const, failure };
  });
}
