/**
 * @module streamer-panel
 * "Your stream" at the top of Twitch & pages: for whoever you are, the OBS overlay link of
 * each thing of yours live now (ready to paste), chat bidding's state in words with the one
 * button that fixes it, and the bot's standing in your chat. Read from the runtime
 * (`/_local/play/streamer`) each time the feed moves, so it never says what was.
 */
import type { PlayPerson } from '../play-types';
import type { StreamerSetup } from '../streamer-words';
import { h } from './dom';

export interface StreamerPanelContext {
  you(): PlayPerson | undefined;
  guildId: string;
  run(line: string): Promise<void>;
}

const fixLabels: Record<string, string> = {
  '/c500 chat-bidding on': 'Turn chat bidding on (authorize on Twitch)',
  '/c500 link-twitch': 'Link your Twitch channel',
};

export function streamerPanel(context: StreamerPanelContext): { element: HTMLElement; refresh(): void } {
  const heading = h('h2', { textContent: 'Your stream' });
  const overlays = h('ul', { className: 'overlays' });
  overlays.setAttribute('aria-label', 'OBS overlays');
  const chatBidding = h('p', { className: 'chat-bidding' });
  const fix = h('button', { type: 'button', className: 'fix', hidden: true });
  const bot = h('p', { className: 'hint bot-standing' });
  const mod = h('button', { type: 'button', hidden: true, textContent: 'Mod C500’s bot in your Twitch chat' });
  const element = h(
    'section',
    { className: 'streamer' },
    heading,
    h('h3', { textContent: 'OBS overlays (Browser source)' }),
    overlays,
    chatBidding,
    fix,
    bot,
    mod,
  );
  element.setAttribute('aria-label', 'Your stream');

  let fixLine = '';
  let login = '';
  fix.addEventListener('click', () => {
    fix.disabled = true;
    void context
      .run(fixLine)
      .catch((error: unknown) => (chatBidding.textContent = error instanceof Error ? error.message : String(error)))
      .finally(() => (fix.disabled = false));
  });
  mod.addEventListener('click', () => {
    mod.disabled = true;
    // The broadcaster's `/mod` on Twitch, as the local Twitch takes it.
    void fetch(`/_local/twitch/channels/${encodeURIComponent(login)}/moderator`, { method: 'POST' })
      .then(() => refresh())
      .finally(() => (mod.disabled = false));
  });

  const draw = (you: PlayPerson, setup: StreamerSetup) => {
    heading.textContent = `Your stream (as ${you.name})`;
    overlays.replaceChildren(
      ...(setup.overlays.length
        ? setup.overlays.map((o) => {
            const field = h('input', { readOnly: true, value: o.url, title: `Paste into OBS: a Browser source of ${o.size}` });
            field.setAttribute('aria-label', `${o.label}: overlay link`);
            field.addEventListener('focus', () => field.select());
            return h('li', {}, h('a', { href: o.url, target: '_blank', rel: 'noopener', textContent: o.label }), ` (${o.size})`, field);
          })
        : [
            h('li', {
              className: 'hint',
              textContent: 'Nothing of yours is live: start an auction, a show, a group buy or a race, and its overlay link shows here.',
            }),
          ]),
    );
    chatBidding.textContent = `Chat bidding: ${setup.chatBidding}`;
    fixLine = setup.fix ?? '';
    fix.hidden = !setup.fix;
    fix.textContent = setup.fix ? (fixLabels[setup.fix] ?? setup.fix) : '';
    bot.textContent = setup.bot;
    login = setup.login ?? '';
    mod.hidden = !login || setup.botIsModerator;
  };

  // One read at a time; a change while one is out asks for one more, never a pile.
  let reading = false;
  let again = false;
  const refresh = () => {
    const you = context.you();
    if (!you) return;
    if (reading) return void (again = true);
    reading = true;
    void fetch(`/_local/play/streamer?${new URLSearchParams({ user: you.id, guild: context.guildId })}`)
      .then(async (answer) => {
        if (answer.ok && context.you()?.id === you.id) draw(you, (await answer.json()) as StreamerSetup);
      })
      .catch(() => undefined)
      .finally(() => {
        reading = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  return { element, refresh };
}
