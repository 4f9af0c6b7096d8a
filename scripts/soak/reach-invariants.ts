/**
 * What must hold of the traffic the soak reaches besides the rest (see soak.ts): DMs refused
 * because a person closed them, text typed to hurt, Twitch chat bids, and interactions
 * whose token the local clock's move outlived. Their evidence (`ReachEvidence`) is read
 * beside the world's; a world without it is checked over nothing.
 */
import type { DiscordMessage } from '../../shared/ports';
import { discordErrorCodes } from '../../shared/errors';
import { interactionTokenLifetimeMs } from '../../shared/discord';
import { snowflakeTimeMs } from '../../shared/common';
import { verdict, type NamedCheck } from './check';
import { pingsOf } from './discord-pings';
import type { SentInteraction, SoakWorld } from './world';
import type { OutboxRefusal } from '../../shared/local/discord/discord-outbox';
import type { BotLine, ChatBidSaid } from './chat';

export interface ReachEvidence {
  /** Users who closed their DMs from the server. */
  dmsClosed: readonly string[];
  /** Every `!bid` typed in Twitch chat, and the bot's lines in that chat. */
  chat: { said: readonly ChatBidSaid[]; botLines: readonly BotLine[] };
  /** Deferred before a move of the local clock, never answered: their tokens were past 15 minutes when the answer was ready. */
  overtakenByClock: readonly SentInteraction[];
  /**
   * When the local clock moved, by the system's clock (processes learn of it within
   * `endedAtMs`), and by how much: an outbox entry stamped by the system's clock after it
   * happened `byMs` later by the runtime's, and `aheadMs` (the moves before it) later still.
   */
  moves?: ReadonlyArray<{ startedAtMs: number; endedAtMs: number; byMs: number; aheadMs?: number }>;
}

export type ReachWorld = SoakWorld & { reach: ReachEvidence };

const reachOf = (world: SoakWorld): ReachEvidence =>
  (world as Partial<ReachWorld>).reach ?? { dmsClosed: [], chat: { said: [], botLines: [] }, overtakenByClock: [] };

const firstWords = (message: DiscordMessage) => (message.content || message.embeds?.[0]?.title || message.embeds?.[0]?.description || '').slice(0, 60);

const mentions = (message: DiscordMessage, userId: string) => new RegExp(`<@!?${userId}>`).test(message.content ?? '');

/** Someone whose DMs are closed is told in the channel instead, each time a DM to them was refused for a fact that has a channel. */
const closedDmsToldInChannel: NamedCheck['check'] = (world) => {
  const { dmsClosed } = reachOf(world);
  const refusals = world.refused.filter((r) => r.code === discordErrorCodes.cannotMessageUser && r.userId);
  const reached = dmsClosed.filter((id) => refusals.some((r) => r.userId === id));
  // Which DMs went untold, and when: what to look for in the run's log.
  const whatWasRefused = (id: string) =>
    refusals
      .filter((r) => r.userId === id)
      .map((r) => `“${firstWords(r.message)}” at ${r.at}`)
      .join(', ');
  const left = groupBuysLeft(world);
  const noLongerOwed = (id: string) =>
    refusals.filter((r) => r.userId === id).every((r) => (left.get(id) ?? []).some((title) => namesGroupBuy(r.message, title)));
  const problems = reached
    .filter((id) => !world.outbox.some((e) => e.kind === 'channel' && mentions(e.message, id) && pingsOf(e.message).users.includes(id)))
    .filter((id) => !noLongerOwed(id))
    .map((id) => `DMs to ${id} were refused (50007) and no channel post mentioned them: ${whatWasRefused(id)}`);
  return verdict(reached.length, problems);
};

/**
 * The group buys each member left (their pledge withdrawn), by title. News of one they left is
 * no longer owed: a note its first try could not post (Discord's long 429) is let go when the
 * event comes back to a pledge withdrawn meanwhile, and the member was answered "You’ve left".
 */
/** A message naming a group buy as its DMs do: its title in bold, with the member's quantity or not. */
const namesGroupBuy = (message: DiscordMessage, title: string) =>
  new RegExp(`\\*\\*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ×\\d+)?\\*\\*`).test(message.content ?? '');

function groupBuysLeft(world: SoakWorld): Map<string, string[]> {
  const left = new Map<string, string[]>();
  for (const [path, data] of world.docs) {
    const [root, groupBuyId, sub, memberId] = path.split('/');
    if (root !== 'groupBuys' || sub !== 'pledges' || !memberId || (data as { status?: string }).status !== 'withdrawn') continue;
    const title = (world.docs.get(`groupBuys/${groupBuyId}`) as { title?: string } | undefined)?.title;
    if (title) left.set(memberId, [...(left.get(memberId) ?? []), title]);
  }
  return left;
}

/** The channel note to someone whose DMs are closed says what could not be sent and where to find it, never the thing itself. */
const closedDmNoteHoldsNothingPrivate: NamedCheck['check'] = (world) => {
  const { dmsClosed } = reachOf(world);
  const notes = world.outbox.filter(
    (e) => e.kind === 'channel' && /couldn’t DM you/.test(e.message.content ?? '') && dmsClosed.some((id) => mentions(e.message, id)),
  );
  const lines = world.addressesTyped.map((a) => a.line1);
  const problems = notes.flatMap((e) => {
    const text = JSON.stringify(e.message);
    const leaks = [
      /https?:\/\//.test(text) ? 'a link' : '',
      /cs_(test|live)_|\/pay\//.test(text) ? 'a checkout' : '',
      /[$€£]\s?\d/.test(text) ? 'an amount' : '',
      lines.some((line) => text.includes(line)) ? 'an address' : '',
    ].filter(Boolean);
    return leaks.length > 0 ? [`the channel note #${e.seq} to someone whose DMs are closed holds ${leaks.join(' and ')}`] : [];
  });
  return verdict(notes.length, problems);
};

/** A 50027 while the clock's move reached the processes one by one: the local runtime's seam, not the product's choice. */
const duringTheMove = (evidence: ReachEvidence, r: OutboxRefusal) => r.code === discordErrorCodes.invalidWebhookToken && inTheMove(evidence, r.at);

/** Discord refused nothing C500 sent but DMs a person closed: no message over a limit, no flag it forbids, no expired token used. */
const discordRefusedOnlyClosedDms: NamedCheck['check'] = (world) => {
  const evidence = reachOf(world);
  const problems = world.refused
    .filter((r) => r.code !== discordErrorCodes.cannotMessageUser && !duringTheMove(evidence, r))
    .map((r) => `a ${r.kind}${r.userId ? ` to ${r.userId}` : ''} was refused: ${r.status} ${r.code} ${r.error.slice(0, 160)}`);
  return verdict(world.outbox.length + world.refused.length, problems);
};

/**
 * Whether an outbox stamp falls in one of the clock's moves. The outbox stamps by the runtime's
 * clock: a process the move had not reached yet stamps by the system's time and the moves
 * before it (`aheadMs`), one it had reached stamps `byMs` further ahead, so the move spans from
 * its start (and the moves before) to its end plus all the runtime's clock is ahead after it.
 */
const inTheMove = (evidence: ReachEvidence, at: string) =>
  (evidence.moves ?? []).some(
    (move) => Date.parse(at) >= move.startedAtMs + (move.aheadMs ?? 0) && Date.parse(at) <= move.endedAtMs + (move.aheadMs ?? 0) + move.byMs,
  );

/**
 * An answer ready after its token's 15 minutes is let go: the token is never used then.
 * Read from Discord's refusals (50027), and from the answers recorded: Discord's REST
 * stand-in, which the soak's faults put between, cannot tell a token's age and takes them.
 */
const expiredTokensLetGo: NamedCheck['check'] = (world) => {
  const evidence = reachOf(world);
  const tokens = new Set(evidence.overtakenByClock.map((s) => s.token));
  const late = (token: string | undefined) => `…${(token ?? '').slice(-8)}${tokens.has(token ?? '') ? ' (across the clock’s move)' : ''}`;
  const refused = world.refused
    .filter((r) => r.code === discordErrorCodes.invalidWebhookToken && !duringTheMove(evidence, r))
    .map((r) => `the ${r.kind} of interaction ${late(r.interactionToken)} used its token past 15 minutes`);
  const issuedAt = new Map<string, number>();
  for (const s of world.sent) {
    const at = snowflakeTimeMs(s.id);
    if (at !== undefined) issuedAt.set(s.token, at);
  }
  const answers = world.outbox.filter((e) => e.interactionToken !== undefined && issuedAt.has(e.interactionToken));
  // Both by the runtime's clock: the token's snowflake and the outbox's stamp.
  const taken = answers
    .filter((e) => !inTheMove(evidence, e.at) && Date.parse(e.at) >= (issuedAt.get(e.interactionToken as string) as number) + interactionTokenLifetimeMs)
    .map((e) => `the ${e.kind} #${e.seq} of interaction ${late(e.interactionToken)} was sent past its token’s 15 minutes`);
  return verdict(answers.length + evidence.overtakenByClock.length, [...refused, ...taken]);
};

/** Each `!bid` typed in chat was answered there: one who never signed in is told how, with their name; a signed-in one hears how the auction stands. */
const chatBidsAnsweredInChat: NamedCheck['check'] = (world) => {
  const { said, botLines } = reachOf(world).chat;
  const delivered = said.filter((s) => s.delivered !== false);
  const heard = botLines.filter((l) => !l.dropped);
  const problems = delivered.flatMap((bid) => {
    const after = heard.filter((l) => Date.parse(l.time) >= bid.atMs - 1_000);
    if (!bid.signedIn)
      return heard.some((l) => l.text.includes(`@${bid.login}`) && /sign in/.test(l.text))
        ? []
        : [`${bid.login}, never signed in, typed "${bid.text}" and was never told how to bid`];
    return after.length > 0 ? [] : [`${bid.login} typed "${bid.text}" and the bot said nothing in chat after it`];
  });
  return verdict(delivered.length, problems);
};

export const reachChecks: NamedCheck[] = [
  { name: 'closed DMs: told in the channel instead', group: 'people', check: closedDmsToldInChannel },
  { name: 'closed DMs: the channel note holds nothing private', group: 'people', check: closedDmNoteHoldsNothingPrivate },
  { name: 'Discord refused only DMs people closed', group: 'state', check: discordRefusedOnlyClosedDms },
  { name: 'a token past 15 minutes is never used', group: 'state', check: expiredTokensLetGo },
  { name: 'chat bids answered in chat', group: 'people', check: chatBidsAnsweredInChat },
];
