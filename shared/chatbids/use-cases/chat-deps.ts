/**
 * @module chat-deps
 * What the chat-bid use cases are given: the ports and settings, one options object.
 */
import type { AuctionBook, ChatBudget, ChatOutbox, Clock, DiscordMessenger, DocumentStore, TaskQueue, TwitchChat } from '../../ports';
import type { ChatDeleteResult, ChatMessageToDelete } from '../../ports';

export interface ChatDeps {
  store: DocumentStore;
  book: AuctionBook;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
  outbox: ChatOutbox;
  currency: string;
  publicBaseUrl: string;
  /** The bot's Twitch user id: its own messages come back as chat and are never bids. */
  botUserId: string | undefined;
  /** Asked only when the book refuses a chatter as new: whether our records show they paid for an order. */
  trustedOnRecord: (bidderId: string) => Promise<boolean>;
  /** Deletes a public `!bid` typed in a sealed final call, as the bot (a moderator with the scope); absent: none is deleted. */
  deleteChatMessage?: (message: ChatMessageToDelete) => Promise<ChatDeleteResult>;
}

export interface ChatReplyDeps {
  tasks: TaskQueue;
  clock: Clock;
  outbox: ChatOutbox;
  chat: TwitchChat;
  budget: ChatBudget;
}
