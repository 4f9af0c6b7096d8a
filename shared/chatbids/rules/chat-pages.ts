/**
 * @module chat-pages
 * Where chat sends people: the sign-in page a chatter opens once, and the page a chat
 * winner pays on (it checks who they are before it opens their checkout).
 */

export const chatSignInPath = '/twitch/bidder';
export const payPagePath = (orderId: string) => `/pay/${encodeURIComponent(orderId)}`;
