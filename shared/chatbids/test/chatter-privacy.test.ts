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
import { composeChatMessage } from '../rules/chat-lines';
import {
  chatterPrivacyPages,
  chatterPrivacyUrl,
  privacyAskLine,
  eraseFormMinutes,
  looksLikePrivacyAsk,
  readEraseForm,
  signEraseForm,
} from '../rules/chatter-privacy';
import { sealToken } from '../rules/signed-token';
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

  it('GIVEN a signed-in chatter C500 knows nothing of THEN the page says so, with nothing to download or erase', async () => {
    const store = await seeded();
    const { status, html: shown } = await answerChatterPrivacy(deps(store), { method: 'GET', download: false, cookies: signedInAs('520000999') }).then((a) => ({
      status: a.status,
      html: html(a),
    }));
    expect(status).toBe(200);
    expect(shown).toContain('C500 keeps nothing about you');
    expect(shown).not.toContain('Download my data');
    expect(shown).not.toContain('<form');
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
    expect(lines).toEqual([
      expect.objectContaining({
        text: `see, download or erase what C500 keeps about your Twitch account (sign in with Twitch): ${publicBaseUrl}/privacy/twitch`,
        group: { name: 'privacy-ask', login: 'ana_keebs' },
      }),
    ]);
  });

  it('folds a flood of !privacy into one line naming every asker, so the bids’ answers keep their room', () => {
    const asks = ['ana', 'bo', 'cy'].map((login) => privacyAskLine(login, publicBaseUrl));
    const message = composeChatMessage([...asks, { text: 'too low, next $12', group: { name: 'too-low:a1', login: 'dee' } }])?.text;
    expect(message).toBe(
      `@ana @bo @cy: see, download or erase what C500 keeps about your Twitch account (sign in with Twitch): ${publicBaseUrl}/privacy/twitch · @dee: too low, next $12`,
    );
  });

  it('reads !privacy however it is typed, and nothing else as it', () => {
    for (const text of ['!privacy', '  !PRIVACY', '!privacy please']) expect(looksLikePrivacyAsk(text)).toBe(true);
    for (const text of ['!privacyx', 'privacy', '!bid 5', 'what is !privacy']) expect(looksLikePrivacyAsk(text)).toBe(false);
  });
});

describe('the chatter’s privacy pages and erase form', () => {
  const page = (answer: { status: number; html?: string }) => ({ status: answer.status, html: answer.html ?? '' });

  it('links the page from a site address with or without its trailing slash', () => {
    expect(chatterPrivacyUrl('https://c500.example/')).toBe('https://c500.example/privacy/twitch');
    expect(chatterPrivacyUrl('https://c500.example')).toBe('https://c500.example/privacy/twitch');
  });

  it('asks a signed-out visitor to sign in with Twitch, and sends a Discord member to /c500 privacy', () => {
    const { status, html } = page(chatterPrivacyPages.signIn('https://c500.example'));
    expect(status).toBe(200);
    expect(html).toContain('<h1>Your data, as a Twitch chatter</h1>');
    expect(html).toContain('href="https://c500.example/twitch/bidder?next=%2Fprivacy%2Ftwitch"');
    expect(html).toContain('The sign-in asks Twitch only who you are.');
    expect(html).toContain('<code>/c500 privacy</code>');
  });

  it('lists what is kept, escaped, with the download and a form carrying the token', () => {
    const kept = page(chatterPrivacyPages.summary('ana<b>', ['1 × a bid <i>in</i> an auction', '1 × a Twitch chatter'], 'tok"en'));
    expect(kept.html).toContain('<h1>What C500 keeps about ana&lt;b&gt;</h1>');
    expect(kept.html).toContain('<ul><li>1 × a bid &lt;i&gt;in&lt;/i&gt; an auction</li><li>1 × a Twitch chatter</li></ul>');
    expect(kept.html).toContain('href="/privacy/twitch?download=json" download');
    expect(kept.html).toContain('<form method="post" action="/privacy/twitch"><input type="hidden" name="token" value="tok&quot;en">');
    expect(kept.html).toContain('A payment’s record stays under your id alone');
  });

  it('says how many records went, in the singular or the plural, and what is kept', () => {
    expect(page(chatterPrivacyPages.erased(1, [])).html).toContain('1 record erased or stripped of your name.');
    const many = page(chatterPrivacyPages.erased(3, ['an order <b>open</b>']));
    expect(many.html).toContain('<h1>Done: your Twitch account is erased from C500</h1>');
    expect(many.html).toContain('3 records erased or stripped of your name.');
    expect(many.html).toContain('Kept under your id alone, until it ends: <ul><li>an order &lt;b&gt;open&lt;/b&gt;</li></ul>');
    expect(page(chatterPrivacyPages.erased(2, [])).html).not.toContain('Kept under');
  });

  it('answers nothing kept, already erased (with its day), an expired form and someone else’s form plainly', () => {
    expect(page(chatterPrivacyPages.nothingKept())).toMatchObject({ status: 200 });
    expect(page(chatterPrivacyPages.nothingKept()).html).toContain('There is nothing to download or erase.');
    expect(page(chatterPrivacyPages.alreadyErased('2026-11-20T12:00:00.000Z')).html).toContain('erased from C500 on 2026-11-20; nothing more was found');
    const expired = page(chatterPrivacyPages.formExpired());
    expect(expired.status).toBe(400);
    expect(expired.html).toContain('<h1>That form has expired</h1>');
    expect(expired.html).toContain(`press Erase within ${eraseFormMinutes} minutes`);
    const forged = page(chatterPrivacyPages.formForged());
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('<h1>That form is not yours</h1>');
    expect(forged.html).toContain('signed in as yourself');
  });

  it('takes a form only for its chatter, signed for this purpose, before its end', () => {
    const token = signEraseForm(ana, nowMs + 1_000, key);
    expect(readEraseForm(token, ana, key, nowMs)).toBe('ok');
    expect(readEraseForm(token, ana, key, nowMs + 1_000)).toBe('expired');
    expect(readEraseForm(token, bo, key, nowMs)).toBe('forged');
    expect(readEraseForm(undefined, ana, key, nowMs)).toBe('forged');
    // A token of another purpose signed with the same key (a chatter's cookie, a consent) is no erase form.
    expect(readEraseForm(sealToken('c500:other:v1:', { t: ana, e: nowMs + 1_000 }, key), ana, key, nowMs)).toBe('forged');
    expect(readEraseForm(sealToken('c500:chatter-erase:v1:', { t: ana, e: 'later' }, key), ana, key, nowMs)).toBe('forged');
  });
});
