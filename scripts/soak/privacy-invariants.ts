/**
 * What must hold of the soak's erasures (privacy.ts): a person who erased themselves is named
 * nowhere the soak can read, by name or by id (their Discord id; a chatter's Twitch id, as
 * `twitch:<id>` or bare, and login):
 * - no stored document names them, and their id stays only on a record the table of kept data
 *   keeps past an erasure (a payment's record, an open order: a fact that is not `erased`);
 * - no key or value of the auction book in Redis holds them;
 * - no log line written after their erasure holds them (the logs carry a keyed hash of an id);
 * - nothing C500 sent or edited in Discord, or said in Twitch chat, after it names them (what
 *   it sent before is those services' history, not C500's to unsend);
 * - the local Stripe holds no customer of theirs undeleted, and no card saved on one, that no
 *   open pledge still needs.
 * Left out, as the table declares them: a finished piece of work's answer (`processed/`, which
 * may quote a name until Firestore's TTL ends it, days later; its id is a digest), and the
 * stand-ins for the outside services (`_local…`: a Stripe Checkout Session keeps what Stripe
 * keeps). The money invariants hold over the same world, so what erasure keeps still adds up.
 */
import { keptDocumentAt } from '../../shared/privacy';
import { cardNeededWhile } from '../../shared/groupbuys';
import type { RedisEntry } from '../../shared/local/redis-dump';
import { verdict, type NamedCheck } from './check';
import type { SoakWorld } from './world';
import type { ErasedMember, LoggedLine, SaidInChat } from './privacy';
import { personPseudonym } from '../../shared/log';
import { stripePerson } from './stripe-people';

export type PrivacyWorld = SoakWorld & {
  erased?: readonly ErasedMember[];
  /** Every key under the runtime's prefix in the soak's Redis, at the end. */
  redis?: readonly RedisEntry[];
  logLines?: readonly LoggedLine[];
  chatSaid?: readonly SaidInChat[];
};

/** Records the table keeps until their own end, or that the outside services keep (see the module's comment). */
const keptElsewhere = (path: string) => path.startsWith('processed/') || path.startsWith('_local');

/** A word as a whole: `buyer7` is not found in `buyer70`, nor `81` in `810`. */
const whole = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u');

/** Whether the table keeps a person's id on this record past an erasure (a fact of it that erasure does not take). */
function keepsIdsLawfully(path: string): boolean {
  if (path.startsWith('_local')) return true;
  const document = keptDocumentAt(path);
  return document !== undefined && document.facts.some((fact) => fact.onErasure !== 'erased');
}

/** The texts of one erased person the soak may find: names and ids, each a whole word. */
function needlesOf(member: ErasedMember): { names: RegExp[]; ids: RegExp[] } {
  return {
    names: [member.name, ...(member.twitchLogin ? [member.twitchLogin] : [])].map(whole),
    ids: [member.id, ...(member.twitchId ? [member.twitchId] : [])].map(whole),
  };
}

const erasedNamedNowhere: NamedCheck['check'] = (world) => {
  const w = world as PrivacyWorld;
  const erased = w.erased ?? [];
  const problems: string[] = [];
  for (const member of erased) {
    const { names, ids } = needlesOf(member);
    const found = (text: string, which: RegExp[]) => which.some((needle) => needle.test(text));
    for (const [path, data] of w.docs) {
      const text = JSON.stringify(data);
      if (!keptElsewhere(path) && found(text, names)) problems.push(`${member.name} (erased) is still named in ${path}`);
      else if (!keepsIdsLawfully(path) && found(`${path} ${text}`, ids))
        problems.push(`${member.name}'s id (erased) is still on ${path}, which the table does not keep past an erasure`);
    }
    for (const entry of w.outbox) {
      if (entry.seq > member.fromSeq && found(JSON.stringify(entry.message), names))
        problems.push(`${member.name} (erased) was named in a ${entry.kind} sent after their erasure (outbox #${entry.seq})`);
    }
    for (const entry of w.redis ?? []) {
      if (found(`${entry.key} ${entry.text}`, [...names, ...ids])) problems.push(`${member.name} (erased) is still in Redis, in ${entry.key}`);
    }
    const after = member.erasedAtMs ?? Number.POSITIVE_INFINITY;
    for (const line of w.logLines ?? []) {
      if (line.timeMs > after && found(line.text, [...names, ...ids]))
        problems.push(`${member.name} (erased) is in a log line written after their erasure: ${line.text.slice(0, 120)}`);
    }
    problems.push(...keptAtStripe(w, member));
    // Twitch's stand-in stamps the bot's lines by the runtime's clock, which the soak moves.
    const afterOnRuntime = member.erasedAtRuntimeMs ?? after;
    for (const line of w.chatSaid ?? []) {
      if (line.timeMs > afterOnRuntime && found(line.text, names))
        problems.push(`${member.name} (erased) was named in chat after their erasure: ${line.text.slice(0, 120)}`);
    }
  }
  return verdict(erased.length, problems);
};

/**
 * The local Stripe, read too (issue 79): a customer made for the erased member (its
 * `buyer_pseudonym`, or `buyer_id` if made before pseudonyms) is deleted, and no card is saved on it, unless a pledge still open needs it.
 */
function keptAtStripe(w: PrivacyWorld, member: ErasedMember): string[] {
  type Stored = { stripe?: { id?: string; deleted?: boolean; customer?: string | null; metadata?: Record<string, string> } };
  const openPledges = [...w.docs]
    .filter(([path]) => /^groupBuys\/[^/]+\/pledges\/[^/]+$/.test(path))
    .map(([, data]) => data as { status?: string; customerId?: string; paymentMethodId?: string })
    .filter((pledge) => cardNeededWhile.some((status) => status === pledge.status));
  const problems: string[] = [];
  for (const [path, data] of w.docs) {
    const customer = (data as Stored).stripe;
    if (!path.startsWith('_localStripeCustomers/') || stripePerson(customer?.metadata, 'buyer') !== personPseudonym(member.id) || !customer || customer.deleted)
      continue;
    if (openPledges.some((pledge) => pledge.customerId === customer.id)) continue;
    problems.push(`${member.name}'s customer at Stripe (erased) is not deleted, and no open pledge needs it: ${path}`);
  }
  const customers = new Set(
    [...w.docs]
      .filter(
        ([path, data]) => path.startsWith('_localStripeCustomers/') && stripePerson((data as Stored).stripe?.metadata, 'buyer') === personPseudonym(member.id),
      )
      .map(([, data]) => (data as Stored).stripe?.id),
  );
  for (const [path, data] of w.docs) {
    const card = (data as Stored).stripe;
    if (!path.startsWith('_localStripePaymentMethods/') || !card?.customer || !customers.has(card.customer)) continue;
    if (openPledges.some((pledge) => pledge.paymentMethodId === card.id)) continue;
    problems.push(`${member.name}'s card (erased) is still saved at Stripe, and no open pledge needs it: ${path}`);
  }
  return problems;
}

export const privacyChecks: NamedCheck[] = [{ name: 'an erased member is named nowhere', group: 'people', check: erasedNamedNowhere }];
