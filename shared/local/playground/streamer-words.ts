/**
 * @module streamer-words
 * A streamer's setup as the playground's "Twitch & pages" says it: the OBS overlay link of
 * each thing of theirs that is live, chat bidding's state in words with the one command that
 * fixes it, and what the bot may do as a moderator. Pure (no Node, no DOM): the runtime reads
 * the facts, this says them, the page draws them.
 */

/** Something of the streamer's live now, by its kind, as its overlay shows it. */
export interface LiveThing {
  kind: 'auction' | 'show' | 'group buy' | 'race';
  id: string;
  title: string;
}

export interface StreamerFacts {
  /** The Twitch login linked with `/c500 link-twitch`; undefined before. */
  login?: string;
  /** Chat bidding as C500 keeps it for that channel; undefined when it was never turned on. */
  chatBidding?: { on: boolean; consentAt?: string; offReason?: 'revoked' | 'authorization-revoked' };
  /** Whether C500's bot moderates the channel on Twitch. */
  botIsModerator: boolean;
  live: readonly LiveThing[];
}

export interface OverlayLink {
  label: string;
  /** Ready to paste into OBS as a Browser source. */
  url: string;
  size: string;
}

export interface StreamerSetup {
  /** The linked channel's login; absent before `/c500 link-twitch`. */
  login?: string;
  botIsModerator: boolean;
  overlays: OverlayLink[];
  /** "on for twitch.tv/…" or "off: …", one sentence. */
  chatBidding: string;
  /** The command that fixes what is off, typed as it is run; absent when nothing needs fixing. */
  fix?: string;
  bot: string;
}

const overlayPaths: Record<LiveThing['kind'], { path: (id: string) => string; size: string }> = {
  auction: { path: (id) => `/overlay/auction?id=${encodeURIComponent(id)}`, size: '1280×300' },
  show: { path: (id) => `/overlay/show?id=${encodeURIComponent(id)}`, size: '1280×300' },
  'group buy': { path: (id) => `/overlay/groupbuy?groupbuy=${encodeURIComponent(id)}`, size: '1280×120' },
  race: { path: (id) => `/overlay/pot?id=${encodeURIComponent(id)}`, size: '1280×120' },
};

export function overlayLink(baseUrl: string, thing: LiveThing): OverlayLink {
  const { path, size } = overlayPaths[thing.kind];
  return { label: `${thing.kind[0]?.toUpperCase()}${thing.kind.slice(1)}: ${thing.title}`, url: `${baseUrl}${path(thing.id)}`, size };
}

export function streamerSetup(baseUrl: string, facts: StreamerFacts): StreamerSetup {
  const overlays = facts.live.map((thing) => overlayLink(baseUrl, thing));
  if (!facts.login) {
    return {
      overlays,
      chatBidding: 'Off: no Twitch channel is linked yet, so chat cannot bid and !privacy gets no answer.',
      fix: '/c500 link-twitch',
      bot: 'C500’s bot is in no chat of yours yet.',
      botIsModerator: false,
    };
  }
  const channel = `twitch.tv/${facts.login}`;
  const state = facts.chatBidding;
  const chatBidding = state?.on
    ? `On for ${channel}: viewers type !bid 25 in chat, and !privacy gets an answer.`
    : state?.offReason
      ? `Off for ${channel}: Twitch ended C500’s access, so the bot is not in your chat and !bid and !privacy get no answer. Authorize again.`
      : `Off for ${channel}: C500’s bot is not let in on Twitch yet, so !bid and !privacy get no answer. Authorize it.`;
  const bot = facts.botIsModerator
    ? `C500’s bot is a moderator in ${channel}: it deletes a public !bid typed during a sealed final call, and may send 100 chat lines per 30 s.`
    : `C500’s bot is not a moderator in ${channel}: a public !bid typed during a sealed final call stays in chat (it still does not count), and the bot sends at most 20 lines per 30 s. /mod it on Twitch to change that.`;
  return { login: facts.login, botIsModerator: facts.botIsModerator, overlays, chatBidding, ...(state?.on ? {} : { fix: '/c500 chat-bidding on' }), bot };
}
