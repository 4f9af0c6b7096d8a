/**
 * Builder onboarding and the Twitch link end to end: the Stripe onboarding link, the
 * Twitch OAuth round trip through the real callback, and the EventSub ingress with really
 * signed messages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builderPath } from '../../shared/onboarding';
import { stripeSignatureHeader } from '../../shared/adapters/stripe/stripe-signature';
import { LocalTwitch } from '../../shared/local/twitch/twitch';
import { eventSubSignature } from '../../shared/adapters/twitch/eventsub-signature';
import { deliverEventSub, eventSubMessage } from '../../shared/local/twitch-simulator';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { answerOf, dmsTo, linkIn, linkTwitch, onboard, paidOrder, say, setUpGuild, streamEvent, textOf, twitchAuthorizeBehind } from '../support/marketplace';
import { asMember, command } from '../support/interactions';
import { onceRecordId, onceRecordsCollection } from '../../shared/common/rules/once-record';

let rt: TestRuntime;
let twitch: LocalTwitch;
const builder = '812000000000000001';
const buyer = '822000000000000001';

beforeAll(async () => {
  rt = await startTestRuntime();
  twitch = new LocalTwitch({ store: rt.store, clock: { now: () => new Date() } });
  await setUpGuild(rt);
});
afterAll(() => rt.close());

const builderDoc = () => rt.store.get(builderPath(builder));
const eventSubUrl = () => `${rt.url}/webhooks/twitch`;
const secret = () => rt.secrets.TWITCH_EVENTSUB_SECRET as string;

describe('/c500 onboard', () => {
  it('creates one Express account however often the builder asks, and says when they can sell', async () => {
    const first = await say(rt, builder, { path: ['onboard'], options: { country: 'US' } });
    expect(first.flags).toBe(64);
    const again = await say(rt, builder, { path: ['onboard'], options: { country: 'US' } });
    expect(textOf(again)).toContain('Pick up your Stripe onboarding');
    const accountId = (await builderDoc())?.stripeAccountId;
    expect(linkIn(again)).toContain(accountId);
    expect(linkIn(first)).toContain(accountId);

    await fetch(linkIn(again));
    await rt.settle();
    // Only transfers were asked for: the builder can be paid, though Stripe enables no charges on the account.
    expect(await builderDoc()).toMatchObject({ stripeAccountId: accountId, transfersActive: true, chargesEnabled: false, payoutsEnabled: true });
    expect(dmsTo(rt, builder).filter((m) => textOf(m).includes('you can sell on C500 now'))).toHaveLength(1);
    expect(textOf(await say(rt, builder, { path: ['onboard'], options: { country: 'US' } }))).toContain('all set');
  });
});

describe('Stripe’s Connect webhook endpoint', () => {
  const connectEvent = () => {
    const event = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'stripe', 'account.updated.connect.json'), 'utf8')) as {
      id: string;
      created: number;
    };
    event.id = `evt_connect_${Date.now()}`;
    event.created = Math.floor(Date.now() / 1000);
    return JSON.stringify(event);
  };
  const send = (body: string, secret: string) =>
    fetch(`${rt.url}/webhooks/stripe`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(body, secret, Math.floor(Date.now() / 1000)) },
    });

  it('takes a connected account’s event signed with the Connect endpoint’s own secret', async () => {
    expect((await send(connectEvent(), rt.secrets.STRIPE_CONNECT_WEBHOOK_SECRET as string)).status).toBe(200);
  });

  it('refuses one signed with a secret of neither endpoint', async () => {
    expect((await send(connectEvent(), 'whsec_someone_else')).status).toBe(401);
  });
});

describe('/c500 onboard country:', () => {
  const abroad = '811000000000000071';
  type Account = { id: string; country: string; tos_acceptance: { service_agreement: string }; capabilities: Record<string, string> };
  const accounts = async () => ((await (await fetch(`${rt.url}/_local/stripe/accounts`)).json()) as { accounts: Account[] }).accounts;

  it('asks a new builder for the country they are paid in, and explains a code that is not one', async () => {
    expect(textOf(await say(rt, abroad, { path: ['onboard'] }))).toContain('/c500 onboard country:US');
    expect(textOf(await say(rt, abroad, { path: ['onboard'], options: { country: 'UK' } }))).toContain('country:GB');
    expect(textOf(await say(rt, abroad, { path: ['onboard'], options: { country: 'Q1' } }))).toContain('two-letter ISO code');
    expect((await rt.store.get(builderPath(abroad)))?.stripeAccountId).toBeUndefined();
  });

  it('opens an account for a builder outside the platform’s country under the recipient agreement, with transfers only, and they can sell once onboarded', async () => {
    const answer = await say(rt, abroad, { path: ['onboard'], options: { country: 'de' } });
    const builderNow = await rt.store.get(builderPath(abroad));
    expect(builderNow).toMatchObject({ stripeCountry: 'DE' });
    const account = (await accounts()).find((a) => a.id === builderNow?.stripeAccountId);
    expect(account).toMatchObject({ country: 'DE', tos_acceptance: { service_agreement: 'recipient' }, capabilities: { transfers: 'inactive' } });
    expect(Object.keys(account?.capabilities ?? {})).toEqual(['transfers']);
    await fetch(linkIn(answer));
    await rt.settle();
    expect(await rt.store.get(builderPath(abroad))).toMatchObject({ transfersActive: true });
    expect(textOf(await say(rt, abroad, { path: ['onboard'] }))).toContain('all set');
  });
});

describe('/c500 link-twitch', () => {
  it('links the channel the builder authorized on Twitch and subscribes to its stream events', async () => {
    const res = await linkTwitch(rt, builder, 'lavenderkeebs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('twitch.tv/lavenderkeebs');
    const linked = await builderDoc();
    expect(linked?.twitch).toMatchObject({ login: 'lavenderkeebs' });
    const subscriptions = await twitch.subscriptionsFor(linked!.twitch!.userId);
    expect(subscriptions.map((s) => s.type).sort()).toEqual(['stream.offline', 'stream.online']);
    expect(linked?.eventSub?.subscriptionIds.sort()).toEqual(subscriptions.map((s) => s.id).sort());
  });

  it('lets whoever authorized on Twitch see whose profile it went to, and undo it', async () => {
    const victim = '812000000000000033';
    const res = await linkTwitch(rt, victim, 'notreallymine');
    const page = await res.text();
    expect(page).toContain('builder profile of <strong>Keeb Fan</strong>');
    const undo = /href="([^"]*undo=[^"]*)"/.exec(page)?.[1]?.replace(/&amp;/g, '&') as string;
    const channelId = (await rt.store.get(builderPath(victim)))?.twitch?.userId as string;
    expect((await rt.store.get(builderPath(victim)))?.twitch?.login).toBe('notreallymine');
    expect((await twitch.subscriptionsFor(channelId)).map((s) => s.type).sort()).toEqual(['stream.offline', 'stream.online']);

    const undone = await fetch(undo);
    expect(undone.status).toBe(200);
    expect(await undone.text()).toContain('Unlinked twitch.tv/notreallymine');
    expect((await rt.store.get(builderPath(victim)))?.twitch).toBeUndefined();
    // Twitch sends that channel's stream events no more.
    expect(await twitch.subscriptionsFor(channelId)).toEqual([]);
    expect(textOf(await say(rt, victim, { path: ['live'], options: { mode: 'chat' } }))).toContain('/c500 link-twitch');
    expect(await (await fetch(undo)).text()).toContain('Nothing to undo');
    expect((await fetch(undo.replace(/undo=[^&]{6}/, 'undo=AAAAAA'))).status).toBe(401);
  });

  it.each([
    ['emoji', '812000000000000081', '🦊'.repeat(50)],
    ['non-Latin', '812000000000000082', '鍵盤職人'.repeat(25)],
  ])('keeps the button within Discord’s 512 characters for a 100-character %s display name, and it still leads to Twitch', async (_, member, name) => {
    const answer = await answerOf(rt, asMember(command({ name: 'c500', path: ['link-twitch'], userId: member }), name));
    const link = linkIn(answer);
    expect(link.length).toBeLessThanOrEqual(512);
    expect(link.startsWith(`${rt.url}/`)).toBe(true);
    const authorize = await twitchAuthorizeBehind(link);
    authorize.searchParams.set('login', `longname${member.slice(-2)}`);
    const res = await fetch(authorize, { method: 'POST' });
    await rt.settle();
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(name.slice(0, 8));
    expect((await rt.store.get(builderPath(member)))?.twitch?.login).toBe(`longname${member.slice(-2)}`);
  });

  it('sends nobody to Twitch from our link when its state was forged', async () => {
    const link = new URL(linkIn(await say(rt, builder, { path: ['link-twitch'] })));
    const start = link.searchParams.get('start') as string;
    link.searchParams.set('start', `${start.slice(0, -4)}AAAA`);
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('location')).toBeNull();
  });

  it('refuses a callback whose state was forged or changed, and links nothing', async () => {
    const before = await builderDoc();
    const link = await twitchAuthorizeBehind(linkIn(await say(rt, builder, { path: ['link-twitch'] })));
    const state = link.searchParams.get('state') as string;
    const forged = `${state.slice(0, -4)}AAAA`;
    const res = await fetch(`${rt.url}/oauth/twitch/callback?code=whatever&state=${encodeURIComponent(forged)}`);
    expect(res.status).toBe(401);
    expect(await builderDoc()).toEqual(before);
  });

  it('tells the builder plainly when they denied access on Twitch', async () => {
    const link = await twitchAuthorizeBehind(linkIn(await say(rt, builder, { path: ['link-twitch'] })));
    link.searchParams.set('deny', '1');
    const res = await fetch(link);
    expect(await res.text()).toContain('You chose not to authorize C500 on Twitch, so nothing changed.');
    expect((await builderDoc())?.twitch?.login).toBe('lavenderkeebs');
  });
});

describe('the Twitch EventSub ingress', () => {
  const onlineMessage = async (type = 'live') => {
    const linked = await builderDoc();
    const [subscription] = (await twitch.subscriptionsFor(linked!.twitch!.userId)).filter((s) => s.type === 'stream.online');
    const event = {
      id: `s${Date.now()}`,
      broadcaster_user_id: linked!.twitch!.userId,
      broadcaster_user_login: 'lavenderkeebs',
      broadcaster_user_name: 'lavenderkeebs',
      type,
      started_at: new Date().toISOString(),
    };
    return eventSubMessage({ messageType: 'notification', subscription: subscription!, event, clock: { now: () => new Date() } });
  };

  it('answers the callback verification with the challenge as text/plain', async () => {
    const [subscription] = await twitch.subscriptionsFor((await builderDoc())!.twitch!.userId);
    const message = eventSubMessage({
      messageType: 'webhook_callback_verification',
      subscription: subscription!,
      challenge: 'pogchamp-kappa-360',
      clock: { now: () => new Date() },
    });
    const res = await fetch(eventSubUrl(), {
      method: 'POST',
      body: message.body,
      headers: {
        'twitch-eventsub-message-id': message.messageId,
        'twitch-eventsub-message-timestamp': message.timestamp,
        'twitch-eventsub-message-type': message.messageType,
        'twitch-eventsub-message-signature': eventSubSignature(secret(), message.messageId, message.timestamp, Buffer.from(message.body)),
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('pogchamp-kappa-360');
  });

  it('marks the builder live from a signed stream.online, once however often it is delivered', async () => {
    await streamEvent(rt, 'lavenderkeebs', 'offline');
    const message = await onlineMessage();
    for (let i = 0; i < 3; i++) expect((await deliverEventSub(eventSubUrl(), secret(), message)).status).toBeLessThan(300);
    await rt.settle();
    expect((await builderDoc())?.stream).toMatchObject({ status: 'live', type: 'live', changedAt: message.timestamp });
    expect((await rt.store.query(onceRecordsCollection)).filter((d) => d.id === onceRecordId(`twitch:${message.messageId}`))).toHaveLength(1);
  });

  it('keeps the newer status when an older message arrives late', async () => {
    const old = await onlineMessage();
    await new Promise((r) => setTimeout(r, 5));
    await streamEvent(rt, 'lavenderkeebs', 'offline');
    await deliverEventSub(eventSubUrl(), secret(), old);
    await rt.settle();
    expect((await builderDoc())?.stream?.status).toBe('offline');
  });

  it('answers a tampered, unsigned or stale message with 401 and leaves no trace', async () => {
    const message = await onlineMessage();
    const before = JSON.stringify(await builderDoc());
    const tampered = { ...message, body: message.body.replace('"live"', '"rerun"') };
    const signedThenTampered = await fetch(eventSubUrl(), {
      method: 'POST',
      body: tampered.body,
      headers: {
        'twitch-eventsub-message-id': message.messageId,
        'twitch-eventsub-message-timestamp': message.timestamp,
        'twitch-eventsub-message-type': 'notification',
        'twitch-eventsub-message-signature': eventSubSignature(secret(), message.messageId, message.timestamp, Buffer.from(message.body)),
      },
    });
    expect(signedThenTampered.status).toBe(401);
    expect((await deliverEventSub(eventSubUrl(), 'not-our-secret', message)).status).toBe(401);
    const stale = { ...message, messageId: 'stale-1', timestamp: new Date(Date.now() - 11 * 60_000).toISOString() };
    expect((await deliverEventSub(eventSubUrl(), secret(), stale)).status).toBe(401);
    await rt.settle();
    expect(JSON.stringify(await builderDoc())).toBe(before);
    expect(
      (await rt.store.query(onceRecordsCollection)).filter((d) => [message.messageId, 'stale-1'].some((id) => d.id === onceRecordId(`twitch:${id}`))),
    ).toEqual([]);
  });

  it('records a revocation, tells the builder once, and then asks Helix whether they are live', async () => {
    const linked = await builderDoc();
    const [subscription] = (await twitch.subscriptionsFor(linked!.twitch!.userId)).filter((s) => s.type === 'stream.online');
    const res = await fetch(`${rt.url}/_local/twitch/subscriptions/${subscription!.id}/revoke`, { method: 'POST' });
    expect(res.status).toBe(200);
    await rt.settle();
    expect((await builderDoc())?.eventSub?.revokedAt).toEqual(expect.any(String));
    expect(dmsTo(rt, builder).filter((m) => textOf(m).includes('can no longer see when you go live'))).toHaveLength(1);

    // EventSub is silent now; the simulated Helix says the stream is live.
    await twitch.setStream(linked!.twitch!.userId, { streamId: 'helix-1', type: 'live', startedAt: new Date().toISOString() });
    const paid = await paidOrder(rt, builder, buyer);
    expect(textOf(await say(rt, builder, { path: ['live'], options: { mode: `order:${paid.orderId}` } }))).toContain(`✅ \`${paid.orderId}\``);
    await twitch.setStream(linked!.twitch!.userId, undefined);
    expect(textOf(await say(rt, builder, { path: ['live'], options: { mode: 'chat' } }))).toContain('not live');
  });

  it('moves a channel to the newest builder who authorized it, so the old one can no longer prove work on it', async () => {
    const other = '812000000000000002';
    await onboard(rt, other);
    await linkTwitch(rt, other, 'lavenderkeebs');
    expect((await rt.store.get(builderPath(other)))?.twitch?.login).toBe('lavenderkeebs');
    expect((await builderDoc())?.twitch).toBeUndefined();
    expect(textOf(await say(rt, builder, { path: ['live'], options: { mode: 'chat' } }))).toContain('/c500 link-twitch');
  });
});
