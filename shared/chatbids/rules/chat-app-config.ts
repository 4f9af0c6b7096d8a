/**
 * @module chat-app-config
 * What chat bidding's functions read from the configuration, in one place: the Twitch
 * application, the key that signs its links and cookies, the EventSub secret the chat is
 * delivered with, and the bot. Each fails at cold start, naming the secret it lacks.
 */
import { required, type Config } from '../../config';

/** What the chatter's web pages know of the platform's Twitch application. */
export interface ChatterWebApp {
  clientId: string;
  /** Signs the states and the cookies (OAUTH_STATE_KEY). */
  stateKey: string;
  authorizeUrl: string;
  publicBaseUrl: string;
}

/** What `/c500 chat-bidding on` and `off` and the consent callback know of the Twitch application and its bot. */
export interface ChatBiddingApp extends ChatterWebApp {
  /** Twitch signs every chat delivery with it (TWITCH_EVENTSUB_SECRET). */
  eventSubSecret: string;
  /** The bot's Twitch user id (C500_TWITCH_BOT_USER_ID); without it chat bidding is unavailable. */
  botUserId: string | undefined;
}

export function chatterWebApp(config: Config): ChatterWebApp {
  return {
    clientId: required(config, 'TWITCH_CLIENT_ID'),
    stateKey: required(config, 'OAUTH_STATE_KEY'),
    authorizeUrl: config.twitchAuthorizeUrl,
    publicBaseUrl: config.publicBaseUrl,
  };
}

export function chatBiddingApp(config: Config): ChatBiddingApp {
  return { ...chatterWebApp(config), eventSubSecret: required(config, 'TWITCH_EVENTSUB_SECRET'), botUserId: config.twitchBot.userId };
}
