/**
 * @module throttled-edit
 * The edit of a busy message (a race lobby's, a show's run sheet) from the task a change
 * scheduled: at most one a second, as Discord allows a message, and none when the message
 * would show what it already shows. It shows the state as it is when the task runs, so a
 * burst of changes costs one edit a second and the last state always shows. The last edit
 * is kept in a document of its own, so the message's hot document takes no extra write.
 *
 * No transaction: Firestore locks what a transaction reads, so ten tasks claiming one
 * document queue behind each other, backing off a second and more each (measured on the
 * emulator: 4.7 s for 10, and a soak that never settled). Each second-long slot is claimed
 * instead with a create, which takes no lock and answers at once whether another task had it;
 * the slots expire (Firestore's TTL on `editSlots.expiresAt`). Two edits can fall either side
 * of a slot's edge, so it is one edit per calendar second: never more than one more than the
 * seconds elapsed, which is what Discord's per-message bucket counts.
 */
import { createHash } from 'node:crypto';
import { docPath, type Clock, type DiscordMessage, type DiscordMessenger, type DocPath, type DocumentStore } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { editSpacingMs } from '../rules/discord-limits';

/** What a message's last-edit document holds beside what it belongs to. */
export interface LastEdit {
  /** A digest of what the message shows now. */
  shown: string;
  editedAtMs: number;
}

export interface ThrottledEdit<T extends LastEdit> {
  /** Where the message's last edit is kept, and what it belongs to (its lobby or show id). */
  path: DocPath<T>;
  owner: Omit<T, keyof LastEdit>;
  channelId: string;
  messageId: string;
  message: DiscordMessage;
}

/** A second-long slot's claim, kept only until Firestore's TTL sweeps it. */
export interface EditSlot {
  expiresAt: Date;
}

/** How long a slot's claim is kept: long past the second it guards. */
const slotKeptMs = 3_600_000;

export const editSlotPath = (lastEdit: string, slot: number) => docPath<EditSlot>(`${lastEdit}/editSlots/${slot}`);

/**
 * Answers whether it edited. A repeated call changes nothing; one within a second of the
 * last edit, or in a second another task claimed, throws `TaskNotDueYet`, so the task is
 * retried and the last state still shows.
 */
export async function editAtMostEverySecond<T extends LastEdit>(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock },
  edit: ThrottledEdit<T>,
): Promise<boolean> {
  const shown = createHash('sha256').update(JSON.stringify(edit.message)).digest('base64url');
  const record = (fields: LastEdit) => ({ ...edit.owner, ...fields }) as T;
  const last = await deps.store.get(edit.path);
  if (last?.shown === shown) return false;
  const nowMs = deps.clock.now().getTime();
  if (last && nowMs < last.editedAtMs + editSpacingMs) throw new TaskNotDueYet(last.editedAtMs + editSpacingMs);
  const slot = Math.floor(nowMs / editSpacingMs);
  if (!(await deps.store.createIfAbsent(editSlotPath(edit.path, slot), { expiresAt: new Date(nowMs + slotKeptMs) })))
    throw new TaskNotDueYet((slot + 1) * editSpacingMs);
  await deps.store.set(edit.path, record({ shown, editedAtMs: nowMs }));
  try {
    await deps.discord.editChannelMessage(edit.channelId, edit.messageId, edit.message);
  } catch (error) {
    // Not shown after all: give the claim back so the retry edits.
    await deps.store.set(edit.path, last ? { ...last } : record({ shown: '', editedAtMs: 0 }));
    throw error;
  }
  return true;
}
