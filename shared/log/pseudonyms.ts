/**
 * @module log/pseudonyms
 * A person's keyed pseudonym for what is kept, or sent to Stripe, only to tell one person from
 * another, never to reach them: the record that a member asked to be erased
 * (`privacyErasures/<pseudonym>`), the idempotency keys of Stripe requests made for a member.
 * `ps_` and 32 hex of HMAC-SHA256 under a key of its own, derived from the deployment's
 * LOG_ID_KEY (every function reads it).
 *
 * Unlike a log line's hash it does not turn over with the logs' periods: the same id gives the
 * same pseudonym in every function and every month, so a key made twice is the same key and an
 * erasure is found again. Rotating LOG_ID_KEY gives everyone new pseudonyms: a second erasure
 * then searches as a first one does, and a Stripe request retried across the rotation is a new
 * request (Stripe forgets a key after 24 hours anyway). Nobody without the key can tell whose a
 * pseudonym is, or make one from an id they know.
 *
 * @example
 * personPseudonym('800000000000000031') // 'ps_9b2c…' (32 hex)
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Until the deployment's key is set (unit tests), a random key of this process: never a constant. */
let key: Buffer = derive(randomBytes(32));
const made = new Map<string, string>();

function derive(base: string | Buffer): Buffer {
  return createHmac('sha256', base).update('stored-pseudonyms').digest();
}

/** The deployment's LOG_ID_KEY (set with the log's: see log/index's setLogIdKey). */
export function setPseudonymKey(base: string): void {
  key = derive(base);
  made.clear();
}

/** The keyed pseudonym of a person's id (a Discord id, or a chatter's `twitch:<id>`). */
export function personPseudonym(id: string): string {
  let pseudonym = made.get(id);
  if (pseudonym === undefined) {
    pseudonym = `ps_${createHmac('sha256', key).update(id).digest('hex').slice(0, 32)}`;
    if (made.size >= 10_000) made.clear();
    made.set(id, pseudonym);
  }
  return pseudonym;
}

/** Whether a text is shaped as a pseudonym: a record keyed by one names nobody. */
export const isPersonPseudonym = (text: string): boolean => /^ps_[0-9a-f]{32}$/.test(text);
