/**
 * A Twitch chatter's own data (issue 62): `!privacy` in chat answers with their page's link;
 * the page shows what C500 keeps about their Twitch account only after a Twitch sign-in, and
 * only theirs; it downloads it as JSON and erases it with a form good for its chatter alone,
 * for a few minutes.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryChatOutbox } from '../../local/chat/in-memory-chat-outbox';
import type { TaskQueue } from '../../ports';
import { docPath } from '../../ports';
import { setChatterCookie } from '../rules/chatter-cookie';
import { eraseFormMinutes, looksLikePrivacyAsk, signEraseForm } from '../rules/chatter-privacy';
import { answerChatterPrivacy, type ChatterPrivacyAnswer } from '../use-cases/answer-chatter-privacy';
import { answerPrivacyAsk } from '../use-cases/answer-privacy-ask';
import type { ChatBidJob } from '../rules/chat-bid-job';

const key = 'k'.repeat(40);
const publicBaseUrl = 'https://c500.example';
let nowMs = Date.parse('2026-11-28T12:00:00Z');
const clock = { now: () => new Date(nowMs) };
const ana = '520000001';
const bo = '520000002';
type Doc = Record<string, unknown>;
const at = (path: string) => docPath<Doc>(path);

const world: Record<string, Doc> = {
  [`twitchBidders/${ana}`]: { twitchUserId: ana, login: 'ana_keebs', displayName: 'AnaKeebs', linkedAt: '2026-11-01T00:00:00Z' },
  'twitchLogins/ana_keebs': { login: 'ana_keebs', twitchUserId: ana, seenAt: '2026-11-01T00:00:00Z' },
  [`twitchBidders/${bo}`]: { twitchUserId: bo, login: 'bo_keebs', displayName: 'BoKeebs', linkedAt: '2026-11-01T00:00:00Z' },
  'auctions/a1/history/0000': {
    auctionId: 'a1',
    chunk: 0,
    bidderIds: [`twitch:${ana}`, `twitch:${bo}`],
    bids: [
      { bidId: 'c1', bidderId: `twitch:${ana}`, bidderName: 'AnaKeebs', amountCents: 3_000, leaderId: `twitch:${ana}` },
      { bidId: 'c2', bidderId: `twitch:${bo}`, bidderName: 'BoKeebs', amountCents: 3_500, leaderId: `twitch:${bo}` },
    ],
  },
};

async function seeded(): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  for (const [path, data] of Object.entries(world)) await store.set(at(path), data);
  return store;
}

const signedInAs = (twitchUserId: string) =>
  setChatterCookie({ kind: 'privacy', id: twitchUserId, expiresAtMs: nowMs + 60 * 60_000 }, key, nowMs, { secure: true }).split(';')[0];
const html = (answer: ChatterPrivacyAnswer) => ('html' in answer ? (answer.html ?? '') : '');
const deps = (store: LocalDocumentStore) => ({ store, clock, app: { stateKey: key, publicBaseUrl } });
const tokenIn = (page: string) => /name="token" value="([^"]+)"/.exec(page)?.[1];

describe('a Twitch chatter’s privacy page', () => {
  it('GIVEN no sign-in, or a forged cookie, THEN it asks for a Twitch sign-in and shows nothing', async () => {
    const store = await seeded();
    for (const cookies of [undefined, '__session=p.520000001.99999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const page = html(await answerChatterPrivacy(deps(store), { method: 'GET', download: false, cookies }));
      expect(page).toContain('Sign in with Twitch');
      expect(page).toContain('/twitch/bidder?next=%2Fprivacy%2Ftwitch');
      expect(page).not.toContain('ana_keebs');
    }
  });

  it('GIVEN the chatter signed in THEN the page lists what is kept, and the download holds their chat bid and identity and no other chatter', async () => {
    const store = await seeded();
    const page = html(await answerChatterPrivacy(deps(store), { method: 'GET', download: false, cookies: signedInAs(ana) }));
    expect(page).toContain('ana_keebs');
    expect(page).toContain('Download my data (JSON)');
    expect(page).toContain('Erase me');
    const file = await answerChatterPrivacy(deps(store), { method: 'GET', download: true, cookies: signedInAs(ana) });
    const json = 'json' in file ? file.json : '';
    expect(json).toContain('"amountCents": 3000');
    expect(json).toContain('ana_keebs');
    expect(json).not.toContain('BoKeebs');
    expect(json).not.toContain(bo);
  });

  it('GIVEN the erase form THEN only its chatter, within its minutes, erases; afterwards their Twitch name is nowhere and the other chatter’s stays', async () => {
    const store = await seeded();
    const page = html(await answerChatterPrivacy(deps(store), { method: 'GET', download: false, cookies: signedInAs(ana) }));
    const token = tokenIn(page);
    // Bo's session with Ana's form, and a form signed with another key: refused.
    expect((await answerChatterPrivacy(deps(store), { method: 'POST', download: false, cookies: signedInAs(bo), ...(token ? { token } : {}) })).status).toBe(
      403,
    );
    const forged = signEraseForm(ana, nowMs + 60_000, 'x'.repeat(40));
    expect((await answerChatterPrivacy(deps(store), { method: 'POST', download: false, cookies: signedInAs(ana), token: forged })).status).toBe(403);
    nowMs += eraseFormMinutes * 60_000;
    expect((await answerChatterPrivacy(deps(store), { method: 'POST', download: false, cookies: signedInAs(ana), ...(token ? { token } : {}) })).status).toBe(
      400,
    );
    expect(await store.get(at(`twitchBidders/${ana}`))).toBeDefined();

    const fresh = tokenIn(html(await answerChatterPrivacy(deps(store), { method: 'GET', download: false, cookies: signedInAs(ana) })));
    const done = await answerChatterPrivacy(deps(store), { method: 'POST', download: false, cookies: signedInAs(ana), ...(fresh ? { token: fresh } : {}) });
    expect(html(done)).toContain('Done');
    expect('cookies' in done && done.cookies?.[0]).toContain('Max-Age=0');
    const everything = JSON.stringify(await Promise.all(Object.keys(world).map((path) => store.get(at(path)))));
    expect(everything).not.toContain('ana_keebs');
    expect(everything).not.toContain('AnaKeebs');
    expect(everything).toContain('BoKeebs');
  });
});

describe('!privacy in chat', () => {
  const job = (text: string, chatterId = ana): ChatBidJob => ({
    chatMessageId: 'm-1',
    broadcasterId: '510000001',
    broadcasterLogin: 'keebchannel',
    chatterId,
    chatterLogin: 'ana_keebs',
    chatterName: 'AnaKeebs',
    text,
    sentAtMs: nowMs,
  });

  it('GIVEN !privacy THEN the chatter is answered once in chat with their page’s link, naming nothing kept', async () => {
    const outbox = new InMemoryChatOutbox();
    const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
    const chatDeps = { outbox, tasks, clock, publicBaseUrl, botUserId: '100000001' };
    expect(await answerPrivacyAsk(chatDeps, job('!privacy'))).toBe('answered');
    expect(await answerPrivacyAsk(chatDeps, job('!privacy'))).toBe('answered');
    expect(await answerPrivacyAsk(chatDeps, job('!bid 5'))).toBe('ignored');
    expect(await answerPrivacyAsk(chatDeps, job('!privacy', '100000001'))).toBe('ignored');
    const lines = await outbox.takeAll('510000001');
    expect(lines.map((line) => line.text)).toEqual([
      `@ana_keebs see, download or erase what C500 keeps about your Twitch account (sign in with Twitch): ${publicBaseUrl}/privacy/twitch`,
    ]);
  });

  it('reads !privacy however it is typed, and nothing else as it', () => {
    for (const text of ['!privacy', '  !PRIVACY', '!privacy please']) expect(looksLikePrivacyAsk(text)).toBe(true);
    for (const text of ['!privacyx', 'privacy', '!bid 5', 'what is !privacy']) expect(looksLikePrivacyAsk(text)).toBe(false);
  });
});
