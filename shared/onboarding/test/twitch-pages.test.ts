import { twitchLinkPage, twitchRevokedDm, twitchUnlinkPage, type HtmlPage } from '../rules/twitch-messages';

/** What a visitor reads on the page: its heading and its paragraphs, as HTML. */
const read = (page: HtmlPage) => ({
  status: page.status,
  heading: /<h1>(.*)<\/h1>/.exec(page.html)?.[1],
  paragraphs: [...page.html.matchAll(/<p class="lede">(.*)<\/p>/g)].map((match) => match[1]),
});

const description = (login: string | undefined, reason: string | undefined) => twitchRevokedDm(login, reason).embeds?.[0]?.description ?? '';

describe('the DM when Twitch stops telling C500 about a stream', () => {
  it.each([
    ['user_removed', 'the Twitch account was closed or suspended'],
    ['authorization_revoked', 'C500 was disconnected from the Twitch account'],
    ['notification_failures_exceeded', 'Twitch could not reach C500 for too long'],
    ['version_removed', 'Twitch retired the kind of notice we used'],
  ])('explains Twitch’s %s in words a builder understands', (reason, words) => {
    expect(description('lavkeebs', reason)).toContain(`goes live (${words}).`);
  });

  it('falls back to saying Twitch ended the subscription for a reason it does not know, or none', () => {
    expect(description('lavkeebs', 'something_new')).toContain('goes live (Twitch ended our subscription).');
    expect(description('lavkeebs', undefined)).toContain('goes live (Twitch ended our subscription).');
  });

  it('links the channel when its login is known, and says “your Twitch channel” otherwise', () => {
    expect(description('lavkeebs', undefined)).toContain('when [twitch.tv/lavkeebs](https://twitch.tv/lavkeebs) goes live');
    expect(description(undefined, undefined)).toContain('when your Twitch channel goes live');
  });

  it('mentions nobody', () => {
    expect(twitchRevokedDm('lavkeebs', 'user_removed').allowed_mentions).toEqual({ parse: [] });
  });
});

describe('the page the Twitch OAuth callback answers with', () => {
  it('says the channel is linked, with no undo paragraph when there is no undo link', () => {
    const page = read(twitchLinkPage({ ok: true, login: 'lavkeebs', displayName: 'LavKeebs' }));
    expect(page.status).toBe(200);
    expect(page.heading).toBe('Linked twitch.tv/lavkeebs');
    expect(page.paragraphs).toHaveLength(2);
    expect(page.paragraphs[0]).toContain('<a href="https://twitch.tv/lavkeebs">twitch.tv/lavkeebs</a> is yours, LavKeebs.');
  });

  it('names whose builder profile the channel was linked to, with the undo link', () => {
    const page = read(
      twitchLinkPage({ ok: true, login: 'lavkeebs', displayName: 'LavKeebs', discordName: 'Cleo <3', undoUrl: 'https://c500.example/undo?t=a&b' }),
    );
    expect(page.paragraphs).toHaveLength(3);
    expect(page.paragraphs[2]).toContain('builder profile of <strong>Cleo &lt;3</strong> on Discord');
    expect(page.paragraphs[2]).toContain('<a href="https://c500.example/undo?t=a&amp;b">Undo this link</a>');
  });

  it('speaks of the Discord member who sent the link when the name is not known', () => {
    const page = read(twitchLinkPage({ ok: true, login: 'lavkeebs', displayName: 'LavKeebs', undoUrl: 'https://c500.example/undo' }));
    expect(page.paragraphs[2]).toContain('<strong>the Discord member who sent you this link</strong>');
  });

  it('says nothing changed when the person chose not to authorize, and how to start again', () => {
    const page = read(twitchLinkPage({ ok: false, reason: 'denied' }));
    expect(page).toEqual({
      status: 200,
      heading: 'Nothing was linked',
      paragraphs: [
        'You chose not to authorize C500 on Twitch, so nothing changed.',
        'Changed your mind? Go back to Discord and run <code>/c500 link-twitch</code> again for a fresh link.',
      ],
    });
  });

  it.each([
    ['forged', 401, 'This link is not one C500 made'],
    ['expired', 400, 'This link has expired'],
    ['missing-code', 400, 'Twitch did not finish'],
    ['code-refused', 400, 'Twitch did not accept this sign-in'],
  ] as const)('refuses a %s round trip and asks for a fresh link', (reason, status, heading) => {
    const page = read(twitchLinkPage({ ok: false, reason }));
    expect(page.status).toBe(status);
    expect(page.heading).toBe(heading);
    expect(page.paragraphs.at(-1)).toContain('run <code>/c500 link-twitch</code> again for a fresh link');
  });

  it('says Twitch did not answer, and to wait before trying again', () => {
    const page = read(twitchLinkPage({ ok: false, reason: 'twitch-unavailable' }));
    expect(page.status).toBe(502);
    expect(page.heading).toBe('Twitch did not answer');
    expect(page.paragraphs).toEqual(['Nothing was linked. Wait a minute, then run <code>/c500 link-twitch</code> in Discord again.']);
  });

  it('owns a failure on our side without details', () => {
    const page = read(twitchLinkPage({ ok: false, reason: 'failed' }));
    expect(page.status).toBe(500);
    expect(page.heading).toBe('Something went wrong on our side');
    expect(page.paragraphs).toEqual(['It is logged and we will look at it. Wait a minute, then run <code>/c500 link-twitch</code> in Discord again.']);
  });

  it('says the channel is linked but not followed yet when Twitch refused the subscription', () => {
    const page = read(twitchLinkPage({ ok: false, reason: 'not-subscribed', login: 'lavkeebs' }));
    expect(page.status).toBe(502);
    expect(page.heading).toBe('Linked twitch.tv/lavkeebs, almost');
    expect(page.paragraphs).toHaveLength(2);
    expect(page.paragraphs[0]).toContain('Your channel is linked, but Twitch did not let C500 follow your streams yet');
  });
});

describe('the page the undo link answers with', () => {
  it('says which channel was unlinked and how to link it to one’s own profile', () => {
    const page = read(twitchUnlinkPage({ ok: true, login: 'lavkeebs' }));
    expect(page.status).toBe(200);
    expect(page.heading).toBe('Unlinked twitch.tv/lavkeebs');
    expect(page.paragraphs).toHaveLength(1);
    expect(page.paragraphs[0]).toContain('run <code>/c500 link-twitch</code> in Discord');
  });

  it.each([
    ['not-linked', 200, 'Nothing to undo', 'That link was already changed or undone.'],
    ['expired', 400, 'This undo link has expired', 'Ask a C500 admin for help if your channel is linked to someone else.'],
    ['forged', 401, 'This link is not one C500 made', 'It may have been copied wrong or edited.'],
  ] as const)('answers a %s undo with its own status and words', (reason, status, heading, paragraph) => {
    expect(read(twitchUnlinkPage({ ok: false, reason }))).toEqual({ status, heading, paragraphs: [paragraph] });
  });
});
