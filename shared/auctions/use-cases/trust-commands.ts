/**
 * @module trust-commands
 * `/c500 auction settings`, `/c500 block` and `/c500 unblock`: admins only, decided here
 * whatever Discord showed. Run with no options, each shows what stands. A command delivered
 * again answers as the first did (the rules keep the last block or unblock's interaction).
 * A block holds for the accounts linked to the one named (linked-identities); an unblock
 * lets them all bid again.
 */
import type { AuctionBook, Clock, DiscordMessage, DocumentStore } from '../../ports';
import { commandCall, isGuildAdmin, placeOf, refusals, type Interaction } from '../../discord';
import {
  parseBlockTarget,
  parseTrustSettings,
  trustLimits,
  trustSettingsOf,
  withBlocked,
  withLinked,
  withoutBlocked,
  type BlockTarget,
  type GuildAuctionRules,
} from '../rules/bidder-trust';
import { streamDelayOf } from '../rules/stream-delay';
import { finalCallOf, finalCallProblem } from '../rules/final-call';
import { trustAnswers, trustRefusals } from '../rules/trust-messages';
import { changeAuctionRules, loadAuctionRules } from './guild-trust';
import { linkedKeysOf } from './linked-identities';
import { autoRefundsFraud, guildFraudSettingsPath } from '../../payments';

export interface TrustCommandDeps {
  store: DocumentStore;
  book: AuctionBook;
  clock: Clock;
  marketplace: { currency: string };
}

export async function configureAuctions(deps: TrustCommandDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  if (!isGuildAdmin(interaction)) return trustRefusals.notAdmin;
  const currency = deps.marketplace.currency;
  const { options } = commandCall(interaction);
  const form = parseTrustSettings(options, currency);
  if (!form.ok) return trustRefusals.invalidSettings(form.problems);
  if (form.changes.finalCallSeconds !== undefined) {
    // The server's own delay, as it will stand, needs its final call: a viewer that far behind must still have time to bid.
    const rules = await loadAuctionRules(deps.store, place.guildId);
    const tooShort = finalCallProblem(form.changes.finalCallSeconds, streamDelayOf(form.changes.streamDelaySeconds, rules?.streamDelaySeconds));
    if (tooShort) return trustRefusals.invalidSettings([tooShort]);
  }
  // Not a bidder rule (the book never reads it): payments reads it when Stripe warns of fraud.
  const fraudRefund = typeof options['fraud-refund'] === 'boolean' ? options['fraud-refund'] : undefined;
  if (fraudRefund !== undefined) await deps.store.set(guildFraudSettingsPath(place.guildId), { payments: { fraudAutoRefund: fraudRefund } }, { merge: true });
  const fraudLine = async () => trustAnswers.fraudRefund(autoRefundsFraud(await deps.store.get(guildFraudSettingsPath(place.guildId))));
  if (Object.keys(form.changes).length === 0)
    return withLine(
      trustAnswers.settings(settingsShown(await loadAuctionRules(deps.store, place.guildId)), currency, fraudRefund !== undefined),
      await fraudLine(),
    );
  const { rules, bookTold } = await changeAuctionRules(deps, place.guildId, (now) => {
    const merged = { ...now, ...form.changes };
    const same = merged.newBidderLimitCents === now.newBidderLimitCents && merged.cooldownMs === now.cooldownMs;
    return same && merged.streamDelaySeconds === now.streamDelaySeconds && merged.finalCallSeconds === now.finalCallSeconds ? undefined : merged;
  });
  return bookTold ? withLine(trustAnswers.settings(settingsShown(rules), currency, true), await fraudLine()) : trustRefusals.bookDown;
}

const withLine = (message: DiscordMessage, line: string): DiscordMessage => ({ ...message, content: `${message.content ?? ''}\n${line}` });

/** The rules as they stand, with the server's stream delay (3 s when never set) and the final call its auctions get. */
const settingsShown = (rules: GuildAuctionRules | undefined) => {
  const streamDelaySeconds = streamDelayOf(undefined, rules?.streamDelaySeconds);
  return { ...trustSettingsOf(rules), streamDelaySeconds, finalCallSeconds: finalCallOf(undefined, rules?.finalCallSeconds, streamDelaySeconds) };
};

export async function blockBidder(deps: TrustCommandDeps, interaction: Interaction): Promise<DiscordMessage> {
  const asked = await blockCommand(deps, interaction);
  if (!asked.ok) return asked.answer;
  const { target, guildId, adminId } = asked;
  if (target.memberId === adminId) return trustRefusals.notYourself;
  let full = false;
  const { rules, bookTold } = await changeAuctionRules(deps, guildId, async (now, tx) => {
    const list = now.blocked ?? [];
    full = false;
    if (now.lastChange?.interactionId === interaction.id || list.some((b) => b.key === target.key)) return undefined;
    if (list.length >= trustLimits.maxBlocked) return void (full = true);
    // Read in the transaction: a link saved meanwhile makes it run again and be seen.
    const entry = withLinked(
      { key: target.key, label: target.label, blockedBy: adminId, blockedAt: deps.clock.now().toISOString() },
      await linkedKeysOf(tx, target.key),
    );
    return { ...now, blocked: withBlocked(list, entry), lastChange: { interactionId: interaction.id, key: target.key } };
  });
  if (full) return trustRefusals.listFull;
  if (!bookTold) return trustRefusals.bookDown;
  // Delivered again after it blocked: the same answer as the first time.
  const first = rules.lastChange?.interactionId === interaction.id;
  const linked = (rules.blocked ?? []).find((b) => b.key === target.key)?.linked?.length ?? 0;
  return trustAnswers.blocked(target.label, !first, linked > 0 ? (target.memberId ? 'twitch' : 'member') : undefined);
}

export async function unblockBidder(deps: TrustCommandDeps, interaction: Interaction): Promise<DiscordMessage> {
  const asked = await blockCommand(deps, interaction);
  if (!asked.ok) return asked.answer;
  const { target, guildId } = asked;
  const { rules, bookTold } = await changeAuctionRules(deps, guildId, (now) => {
    const list = now.blocked ?? [];
    if (now.lastChange?.interactionId === interaction.id || !list.some((b) => b.key === target.key)) return undefined;
    return { ...now, blocked: withoutBlocked(list, target.key), lastChange: { interactionId: interaction.id, key: target.key } };
  });
  if (!bookTold) return trustRefusals.bookDown;
  return trustAnswers.unblocked(target.label, rules.lastChange?.interactionId === interaction.id);
}

type BlockCommand = { ok: true; target: BlockTarget; guildId: string; adminId: string } | { ok: false; answer: DiscordMessage };

/** Who is named, by an admin in a server; with nobody named, the answer is the list. */
async function blockCommand(deps: TrustCommandDeps, interaction: Interaction): Promise<BlockCommand> {
  const place = placeOf(interaction);
  if (!place) return { ok: false, answer: refusals.guildOnly };
  if (!isGuildAdmin(interaction)) return { ok: false, answer: trustRefusals.notAdmin };
  const named = parseBlockTarget(commandCall(interaction).options);
  if (!named.ok) return { ok: false, answer: trustRefusals.invalidTarget(named.problem) };
  if (!named.target) return { ok: false, answer: trustAnswers.list((await loadAuctionRules(deps.store, place.guildId))?.blocked ?? []) };
  return { ok: true, target: named.target, guildId: place.guildId, adminId: place.user.id };
}
