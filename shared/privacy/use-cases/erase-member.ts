/**
 * @module erase-member
 * **Erase me**, then its confirmation: erases what the table lets go, removes the member's name
 * from what it keeps, and records the erasure. Each document changes in a transaction of its
 * own, read again inside it (erase-document), so a redelivered press or a concurrent write loses nothing; no
 * amount, id or status changes, so the ledger adds up as before.
 */
import type { DiscordMessage } from '../../ports';
import { invoker, type Interaction } from '../../discord';
import { heldOpenOf, keptAfterErasure } from '../rules/member-data';
import { eraseButtonExpired, memberOfButton, privacyAnswers } from '../rules/privacy-messages';
import type { UndoFirst } from '../rules/erase-offer';
import { erasureRecordOf } from './erasure-record';
import { findMemberData, identitiesOf } from './find-member-data';
import { endErasureSearch, takeErasureAsk } from './take-erasure-ask';
import { eraseDocument } from './erase-document';
import type { PrivacyDeps } from './privacy-deps';

/** The first press: say what goes and what stays, and ask. */
export async function askToErase(deps: PrivacyDeps, interaction: Interaction): Promise<DiscordMessage> {
  if (eraseButtonExpired(interaction)) return privacyAnswers.expired;
  const member = pressedByOwner(interaction, 'erase');
  if (!member) return privacyAnswers.notYours;
  const found = await findMemberData(deps.store, member);
  // What the erasure cannot undo comes first: a pledge to leave on its post, the live bids it withdraws.
  const first = await undoFirstOf(deps, member, identitiesOf(found, member));
  if (found.length === 0 && first.live.length === 0) return privacyAnswers.nothingKept;
  return privacyAnswers.confirm(keptAfterErasure(found, member), member, first);
}

/**
 * What an erasure cannot undo, for the member to end first (rules/erase-offer): their open
 * pledges, each with its post, and the live bids of any of their identities that it withdraws.
 * `/c500 privacy`'s question and the dashboard's Your data page both ask here.
 */
export async function undoFirstOf(deps: Pick<PrivacyDeps, 'keptElsewhere' | 'leaveFirst'>, member: string, identities: readonly string[]): Promise<UndoFirst> {
  const live = await keptElsewhereOf(deps, identities);
  const leaveFirst = (await deps.leaveFirst?.(member)) ?? [];
  return { leaveFirst, live };
}

/** The same offer for a member known by their id alone (the dashboard): their identities found as the erasure finds them. */
export async function eraseOffer(deps: Pick<PrivacyDeps, 'store' | 'keptElsewhere' | 'leaveFirst'>, member: string): Promise<UndoFirst> {
  const found = await findMemberData(deps.store, member);
  return undoFirstOf(deps, member, identitiesOf(found, member));
}

/** The confirmation: its answer replaces the message, so "Yes, erase me" is gone once pressed; a second press (a double click) hears it was already done. */
export async function eraseMember(deps: PrivacyDeps, interaction: Interaction): Promise<DiscordMessage> {
  if (eraseButtonExpired(interaction)) return privacyAnswers.expired;
  const member = pressedByOwner(interaction, 'confirm');
  if (!member) return privacyAnswers.notYours;
  const outcome = await eraseMemberData(deps, member, { interactionId: interaction.id });
  if (outcome.kind === 'nothing-new') return privacyAnswers.nothingNew(outcome.erasedAt);
  if (outcome.kind === 'nothing-kept') return privacyAnswers.nothingKept;
  if (outcome.kind === 'already-erased') return privacyAnswers.alreadyErased(outcome.erasedAt);
  return privacyAnswers.erased(outcome.changed, outcome.kept);
}

export type ErasureOutcome =
  | { kind: 'nothing-kept' }
  | { kind: 'already-erased'; erasedAt: string }
  | { kind: 'erased'; changed: number; kept: string[] }
  | { kind: 'nothing-new'; erasedAt: string };

/**
 * Erases the member's data (the same from Discord, the dashboard and a chatter's page), and
 * records it. An erasure searches every store: what a person did since the last one may be
 * anywhere, a Redis key no document shows (a refused bid's last time) as well as a document.
 * Replays stay cheap without skipping anything new (take-erasure-ask): a repeat within ten
 * minutes searches only when the person acted since the last search or the live books hold
 * something of theirs it did not take out; otherwise it is answered from the last erasure.
 * `interactionId`: the Discord press that asked, so its redelivery after a failure finishes.
 */
export async function eraseMemberData(
  deps: Pick<PrivacyDeps, 'store' | 'clock' | 'eraseElsewhere' | 'liveHeld'>,
  member: string,
  asked: { interactionId?: string } = {},
): Promise<ErasureOutcome> {
  const admission = await takeErasureAsk(deps, member, asked.interactionId);
  if (!admission.ok) return { kind: 'nothing-new', erasedAt: admission.erasedAt };
  try {
    return await searchAndErase(deps, member);
  } finally {
    // Even a search that failed midway: what the books hold is then looked for again by the next ask.
    await endErasureSearch(deps, member);
  }
}

async function searchAndErase(deps: Pick<PrivacyDeps, 'store' | 'clock' | 'eraseElsewhere'>, member: string): Promise<ErasureOutcome> {
  const found = await findMemberData(deps.store, member);
  // Their Discord id, and each Twitch account linked to it (its chat bids, its chat identity).
  const identities = identitiesOf(found, member);
  const earlier = await deps.store.get(erasureRecordOf(member));
  // Live auction books keep what no document shows (a max bid on a lot still running): first, while the links are still known.
  let elsewhere = 0;
  for (const identity of identities) elsewhere += (await deps.eraseElsewhere?.(identity, member)) ?? 0;
  if (found.length === 0 && !earlier && elsewhere === 0) return { kind: 'nothing-kept' };
  // C500 keeps no Twitch token of a member to revoke: a Twitch sign-in gives its user token back
  // at once (shared/adapters/twitch/twitch-revoke.ts), and chat reading runs on the app's own
  // token. Erasure deletes the link's records (twitchBidders, twitchChannels, the builder's
  // `twitch`), and `eraseElsewhere` deletes the EventSub subscriptions naming the account; the
  // app's grant on a channel stays the streamer's to remove at Twitch (Settings → Connections).
  let changed = 0;
  const open = new Set(earlier?.open ?? []);
  // The documents that link a Twitch account to the member go last: should the erasure stop
  // midway, a retry still finds the account through them and reaches what it holds.
  for (const one of [...found].sort((a, b) => Number(a.document.linksTwitch !== undefined) - Number(b.document.linksTwitch !== undefined))) {
    const done = await eraseDocument(deps.store, one.document, one.path, identities, heldOpenOf(one));
    if (done.changed) changed += 1;
    if (done.stillOpen) open.add(one.path);
  }
  const kept = keptAfterErasure(found, member);
  changed += elsewhere;
  if (changed === 0 && earlier) return { kind: 'already-erased', erasedAt: earlier.erasedAt };
  await deps.store.set(erasureRecordOf(member), { erasedAt: deps.clock.now().toISOString(), kept, ...(open.size > 0 ? { open: [...open] } : {}) });
  return { kind: 'erased', changed, kept };
}

/** What other stores keep of any of the person's identities, a line each. */
export async function keptElsewhereOf(deps: Pick<PrivacyDeps, 'keptElsewhere'>, identities: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const identity of identities) lines.push(...((await deps.keptElsewhere?.(identity)) ?? []));
  return [...new Set(lines)];
}

/** The member a button names, when the one pressing it is that member: a button id is input. */
function pressedByOwner(interaction: Interaction, which: 'erase' | 'confirm'): string | undefined {
  const named = memberOfButton(interaction.data?.custom_id ?? '', which);
  const presser = invoker(interaction);
  return named && presser?.id === named ? named : undefined;
}
