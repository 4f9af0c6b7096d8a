/**
 * @module throttled-edit
 * The edit of a busy message (a race lobby's, a show's run sheet) from the task a change
 * scheduled: at most one a second, as Discord allows a message, and none when the message
 * would show what it already shows. It shows the state as it is when the task runs, so a
 * burst of changes costs one edit a second and the last state always shows. The last edit
 * is kept in a document of its own, so the message's hot document takes no extra write.
 */
import { createHash } from 'node:crypto';
import type { Clock, DiscordMessage, DiscordMessenger, DocPath, DocumentStore } from '../../ports';
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

/**
 * Answers whether it edited. A repeated call changes nothing; one within a second of the
 * last edit throws `TaskNotDueYet`, so the task is retried and the last state still shows.
 */
export async function editAtMostEverySecond<T extends LastEdit>(
  deps: { store: DocumentStore; discord: DiscordMessenger; clock: Clock },
  edit: ThrottledEdit<T>,
): Promise<boolean> {
  const shown = createHash('sha256').update(JSON.stringify(edit.message)).digest('base64url');
  const record = (fields: LastEdit) => ({ ...edit.owner, ...fields }) as T;
  const claimed = await deps.store.runTransaction(async (tx) => {
    const last = await tx.get(edit.path);
    if (last?.shown === shown) return undefined;
    const nowMs = deps.clock.now().getTime();
    if (last && nowMs < last.editedAtMs + editSpacingMs) throw new TaskNotDueYet(last.editedAtMs + editSpacingMs);
    tx.set(edit.path, record({ shown, editedAtMs: nowMs }));
    return last ?? null;
  });
  if (claimed === undefined) return false;
  try {
    await deps.discord.editChannelMessage(edit.channelId, edit.messageId, edit.message);
  } catch (error) {
    // Not shown after all: give the claim back so the retry edits.
    await deps.store.set(edit.path, claimed ? { ...claimed } : record({ shown: '', editedAtMs: 0 }));
    throw error;
  }
  return true;
}
