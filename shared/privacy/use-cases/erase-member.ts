/**
 * @module erase-member
 * **Erase me**, then its confirmation: erases what the table lets go, removes the member's name
 * from what it keeps, and records the erasure. Each document changes in a transaction of its
 * own, read again inside it, so a redelivered press or a concurrent write loses nothing; no
 * amount, id or status changes, so the ledger adds up as before.
 */
import type { DiscordMessage } from '../../ports';
import { invoker, type Interaction } from '../../discord';
import { erasureOf, keptAfterErasure } from '../rules/member-data';
import { memberOfButton, privacyAnswers } from '../rules/privacy-messages';
import { privacyErasurePath } from '../rules/privacy-erasure';
import { anyDocument, findMemberData, type FoundDocument } from './find-member-data';
import type { PrivacyDeps } from './privacy-deps';
import type { Fields } from '../rules/field-paths';

/** The first press: say what goes and what stays, and ask. */
export async function askToErase(deps: PrivacyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const member = pressedByOwner(interaction, 'erase');
  if (!member) return privacyAnswers.notYours;
  const found = await findMemberData(deps.store, member);
  if (found.length === 0) return privacyAnswers.nothingKept;
  return privacyAnswers.confirm(keptAfterErasure(found.map((f) => f.document)), member);
}

export async function eraseMember(deps: PrivacyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const member = pressedByOwner(interaction, 'confirm');
  if (!member) return privacyAnswers.notYours;
  const outcome = await eraseMemberData(deps, member);
  if (outcome.kind === 'nothing-kept') return privacyAnswers.nothingKept;
  if (outcome.kind === 'already-erased') return privacyAnswers.alreadyErased(outcome.erasedAt);
  return privacyAnswers.erased(outcome.changed, outcome.kept);
}

export type ErasureOutcome = { kind: 'nothing-kept' } | { kind: 'already-erased'; erasedAt: string } | { kind: 'erased'; changed: number; kept: string[] };

/** Erases the member's data (the same from Discord and from the dashboard), and records it. */
export async function eraseMemberData(deps: Pick<PrivacyDeps, 'store' | 'clock'>, member: string): Promise<ErasureOutcome> {
  const found = await findMemberData(deps.store, member);
  const earlier = await deps.store.get(privacyErasurePath(member));
  if (found.length === 0 && !earlier) return { kind: 'nothing-kept' };
  let changed = 0;
  for (const one of found) if (await eraseOne(deps, one, member)) changed += 1;
  const kept = keptAfterErasure(found.map((f) => f.document));
  if (changed === 0 && earlier) return { kind: 'already-erased', erasedAt: earlier.erasedAt };
  await deps.store.set(privacyErasurePath(member), { erasedAt: deps.clock.now().toISOString(), kept });
  return { kind: 'erased', changed, kept };
}

async function eraseOne(deps: Pick<PrivacyDeps, 'store'>, found: FoundDocument, member: string): Promise<boolean> {
  const path = anyDocument<Fields>(found.path);
  return deps.store.runTransaction(async (tx) => {
    const data = await tx.get(path);
    if (!data) return false;
    const erasure = erasureOf(found.document, data, member, found.id);
    if (erasure.kind === 'delete') tx.delete(path);
    if (erasure.kind === 'update') tx.set(path, erasure.data);
    return erasure.kind !== 'unchanged';
  });
}

/** The member a button names, when the one pressing it is that member: a button id is input. */
function pressedByOwner(interaction: Interaction, which: 'erase' | 'confirm'): string | undefined {
  const named = memberOfButton(interaction.data?.custom_id ?? '', which);
  const presser = invoker(interaction);
  return named && presser?.id === named ? named : undefined;
}
