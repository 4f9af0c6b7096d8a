/**
 * @module follow-post
 * A post follows its document: each change edits it to what the document says now. Two
 * changes close together may edit in either order, so after an edit the document is read
 * again and, if it moved meanwhile, the post is edited again: the last edit to land shows the
 * last state. An edit is the same each time it runs, so redelivery needs no guard; a refused
 * edit (the post deleted by a moderator) is only logged: a pledge or an interest must not fail
 * for a message nobody can see any more.
 */
import type { DiscordMessage, DiscordMessenger, DocPath, DocumentStore } from '../../ports';
import { log } from '../../log';

export interface PostsDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
}

/** Where the post is and what it should show, from its document; undefined while it has no post. */
export type PostOf<T> = (doc: T) => Promise<{ channelId: string; messageId?: string; message: DiscordMessage } | undefined>;

/** Edits at most three times: enough for a burst to settle, never a loop against a busy document. */
export async function followPost<T>(deps: PostsDeps, path: DocPath<T>, postOf: PostOf<T>, logged: Record<string, string>): Promise<void> {
  let shown: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await deps.store.get(path);
    const post = doc && (await postOf(doc));
    if (!post?.messageId) return;
    const now = JSON.stringify(post.message);
    if (now === shown) return;
    try {
      await deps.discord.editChannelMessage(post.channelId, post.messageId, post.message);
    } catch (error) {
      log.info('a group buy’s post was not edited after a change', { ...logged, error });
      return;
    }
    shown = now;
  }
}
