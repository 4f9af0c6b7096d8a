/**
 * @module direct-messages
 * A DM to someone whose DMs are closed (their privacy setting for the server, or they
 * blocked the bot) is refused by Discord with 50007. That is the person's choice, not an
 * outage: retrying the event cannot change it, so it is an outcome, and the caller tells
 * them another way (a channel mention saying to open DMs, and where to find what the DM
 * held).
 *
 * A person from another platform (`twitch:<id>`, a bidder from Twitch chat) is no Discord
 * user at all: nothing is sent to Discord for them (it would refuse the id, and the event
 * would be retried to its dead letter), and the outcome says so; they are told in chat.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, SentDm } from '../../ports';
import { createHash } from 'node:crypto';
import { runOnceFor } from '../../common';
import { discordErrorCode, discordErrorCodes } from '../../errors';
import { log } from '../../log';

export type DmOutcome = 'sent' | 'dms-closed' | 'not-on-discord';

/** Told where a DM went (its channel and message), to edit it later: a Pay button once it is paid. */
export type OnSentDm = (sent: SentDm) => Promise<void>;

export async function sendDmIfOpen(discord: DiscordMessenger, userId: string, message: DiscordMessage, onSent?: OnSentDm): Promise<DmOutcome> {
  if (isFromAnotherPlatform(userId)) return 'not-on-discord';
  let sent: SentDm;
  try {
    sent = await discord.sendDm(userId, message);
  } catch (error) {
    if (discordErrorCode(error) !== discordErrorCodes.cannotMessageUser) throw error;
    log.info('a DM was refused: the user’s DMs are closed', { userId });
    return 'dms-closed';
  }
  await onSent?.(sent);
  return 'sent';
}

/** `<platform>:<id>`: how another platform's people are named beside Discord's snowflakes. */
export const isFromAnotherPlatform = (userId: string): boolean => /^[a-z]+:/.test(userId);

/** Where someone whose DMs are closed is told instead, and what they are told there. */
export interface ChannelFallback {
  channelId: string | undefined;
  notice: DiscordMessage;
}

/**
 * A fallback, or how to find it: a function is asked only when their DMs turn out closed, so
 * the reads it needs (the order's channel, the person's privacy choice) cost nothing when the
 * DM goes through.
 */
export type Fallback = ChannelFallback | (() => Promise<ChannelFallback>);

const fallbackOf = (fallback: Fallback): Promise<ChannelFallback> => (typeof fallback === 'function' ? fallback() : Promise.resolve(fallback));

/**
 * Sends the DM, or, when their DMs are closed, posts `notice` (which mentions them) in
 * `channelId`. With no channel to post in, the DM is let go.
 */
export async function sendDmOrMention(
  discord: DiscordMessenger,
  userId: string,
  message: DiscordMessage,
  fallback: Fallback,
  onSent?: OnSentDm,
): Promise<DmOutcome> {
  const outcome = await sendDmIfOpen(discord, userId, message, onSent);
  if (outcome !== 'dms-closed') return outcome;
  const { channelId, notice } = await fallbackOf(fallback);
  if (channelId) await discord.postToChannel(channelId, notice);
  return outcome;
}

export interface TellOnceDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

/**
 * Tells someone one fact (a receipt, a new order, a refund, a win) once, however often the
 * event behind it is handled: a redelivery after a later step failed (Discord's 429 on the
 * next DM, a Stripe timeout, a crash) finds it told, sends nothing, and answers how it went
 * the first time. By DM, or with `fallback` a mention in a channel when their DMs are
 * closed. A try cut off between Discord's answer and the record is sent again under the same
 * nonce, which Discord dedupes for a few minutes; a takeover later than that sends nothing (it
 * may have been made) and is logged `dm.unsure`, unless the DM `mustArrive`: it carries what
 * the person must act on before a deadline (a pay link, an offer, a dispute's evidence window),
 * where a repeat costs a second look and a lapse costs them their place, so it is sent again
 * (logged `dm.resent`). `fact` names the fact, not the event: `receipt:<order id>`. Told, it is
 * logged once (`dm.told`, with the fact's kind and, given `since`, the milliseconds since then:
 * the receipt's SLO). `onSent` hears where the DM went (to edit it later) once Discord made it:
 * should it fail, the DM stays told (a retry past the nonce's memory would be a second DM) and
 * the failure is logged `dm.not-kept`.
 */
export async function tellOnce(
  deps: TellOnceDeps,
  fact: string,
  userId: string,
  message: DiscordMessage,
  fallback?: Fallback,
  options: { since?: string; onSent?: OnSentDm; mustArrive?: boolean } = {},
): Promise<DmOutcome> {
  const key = `told:${fact}:${userId}`;
  // Discord's own idempotency, for the one window runOnce cannot close: a crash after Discord
  // made the message and before the record says so. The retry's nonce finds that message.
  const once = { nonce: factNonce(key), enforce_nonce: true };
  const kind = fact.split(':')[0];
  const sinceMs = options.since === undefined ? Number.NaN : Date.parse(options.since);
  const ms = () => (Number.isNaN(sinceMs) ? {} : { ms: Math.max(0, deps.clock.now().getTime() - sinceMs) });
  const onSent = options.onSent && keptOrLogged(options.onSent, kind);
  const send = async (abandoned?: { claimedAt: string }) => {
    if (abandoned && !nonceRemembered(abandoned.claimedAt, deps.clock)) {
      // A try cut off mid-send may have made the DM, and Discord no longer knows its nonce: sent again, it could be a repeat
      // the person sees. Taken as told, unless missing it costs them more than a repeat; the rare try cut off before
      // Discord made it leaves them untold, which this line shows.
      if (!options.mustArrive) {
        log.warn('a DM whose try was cut off long ago is not sent again', { event: 'dm.unsure', fact: kind });
        return 'sent';
      }
      log.warn('a DM whose try was cut off long ago is sent again: it must arrive', { event: 'dm.resent', fact: kind });
    }
    try {
      return await (fallback
        ? sendDmOrMention(
            deps.discord,
            userId,
            { ...message, ...once },
            async () => {
              const found = await fallbackOf(fallback);
              return { ...found, notice: { ...found.notice, ...once } };
            },
            onSent,
          )
        : sendDmIfOpen(deps.discord, userId, { ...message, ...once }, onSent));
    } catch (error) {
      // Not told this time (Discord's 429 or 5xx, a timeout): the event comes back and tries again. One line
      // an attempt, so an operator sees why a receipt is late; the receipt SLO counts it late by its owed line.
      log.warn('DM not told; the event will bring it back', { event: 'dm.failed', fact: kind, ...ms(), error });
      throw error;
    }
  };
  const told = await runOnceFor<DmOutcome>(deps.store, key, send, { clock: deps.clock });
  if (told.ran) log.info('DM told', { event: 'dm.told', fact: kind, outcome: told.result ?? 'sent', ...ms() });
  return told.result ?? 'sent';
}

/** `onSent`, whose failure is logged, not thrown: the DM it hears of was made, and a retry of the send could repeat it. */
function keptOrLogged(onSent: OnSentDm, fact: string | undefined): OnSentDm {
  return async (sent) => {
    try {
      await onSent(sent);
    } catch (error) {
      log.warn('where a DM went was not kept: it stays as sent', { event: 'dm.not-kept', fact, error });
    }
  };
}

/**
 * How long Discord is sure to remember a nonce (`enforce_nonce`: "the past few minutes"), kept
 * short of the five minutes the local Discord remembers: past it, a retry is a new message.
 */
export const discordNonceMemoryMs = 2 * 60_000;

/** Whether Discord still answers a send made at `sentAt` with the message it made then. */
const nonceRemembered = (sentAt: string, clock: Clock): boolean => clock.now().getTime() - Date.parse(sentAt) < discordNonceMemoryMs;

/** A fact's nonce: 25 characters at most, as Discord takes them, the same for every retry. */
export function factNonce(fact: string): string {
  return createHash('sha256').update(fact).digest('base64url').slice(0, 25);
}
