/**
 * @module chat-entry
 * `!enter` in Twitch chat, alone or followed by anything: one regex, as the ingress reads
 * every chat message with it.
 */
export const looksLikeChatEntry = (text: string): boolean => /^\s*!enter(?:\s|$)/i.test(text);
