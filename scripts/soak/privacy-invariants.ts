/**
 * What must hold of the soak's erasures (privacy.ts): a member who erased themselves is named
 * nowhere the soak can read. Not in a stored document, and not in anything C500 sent or edited
 * in Discord after they confirmed (what it sent before is Discord's history, not C500's to
 * unsend). Two kinds of record are left out, as the table of kept data declares them: a
 * finished piece of work's answer (`processed/`, kept so a redelivered event answers the same
 * until Firestore's TTL ends it, days later), and the stand-ins for the outside services
 * (`_local…`: a Stripe Checkout Session keeps what Stripe keeps). The money invariants hold
 * over the same world, so what erasure keeps under the member's id still adds up.
 */
import { verdict, type NamedCheck } from './check';
import type { SoakWorld } from './world';
import type { ErasedMember } from './privacy';

export type PrivacyWorld = SoakWorld & { erased?: readonly ErasedMember[] };

/** Records the table keeps until their own end, or that the outside services keep (see the module's comment). */
const keptElsewhere = (path: string) => path.startsWith('processed/') || path.startsWith('_local');

/** The name as a whole word: `buyer7` is not found in `buyer70`. */
const named = (name: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u');

const erasedNamedNowhere: NamedCheck['check'] = (world) => {
  const erased = (world as PrivacyWorld).erased ?? [];
  const problems: string[] = [];
  for (const member of erased) {
    const name = named(member.name);
    for (const [path, data] of world.docs) {
      if (!keptElsewhere(path) && name.test(JSON.stringify(data))) problems.push(`${member.name} (erased) is still named in ${path}`);
    }
    for (const entry of world.outbox) {
      if (entry.seq > member.fromSeq && name.test(JSON.stringify(entry.message)))
        problems.push(`${member.name} (erased) was named in a ${entry.kind} sent after their erasure (outbox #${entry.seq})`);
    }
  }
  return verdict(erased.length, problems);
};

export const privacyChecks: NamedCheck[] = [{ name: 'an erased member is named nowhere', group: 'people', check: erasedNamedNowhere }];
