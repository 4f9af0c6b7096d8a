/**
 * One trace per outside event, followed on the local runtime as an operator follows it in
 * Cloud Logging: a bid from its signed interaction through the ingress, the bid subscriber
 * and the embed's edit; a paid order from the Stripe webhook to the receipt DM; and its
 * release, which the builder's `/c500 live` (an outside event of its own) begins.
 */
import type { TraceEntry, TraceSpan } from '../../shared/local/trace-journal';
import type { SentStripeEvent } from '../../shared/local/stripe/sent-events';
import { auctionWorld, bidCommand, liveAuction, startAuction, type TestClock } from '../support/auctions';
import { command, dmButtonPress } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { answerOf, linkIn, linkTwitch, ordersOf, pay, postDrop, pressBuyNow, say, sessionIdIn, streamEvent } from '../support/marketplace';

interface Trace {
  traceId: string;
  entries: TraceEntry[];
  spans: TraceSpan[];
}

const getJson = async <T>(rt: TestRuntime, path: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${rt.url}${path}`);
  return { status: res.status, body: (await res.json()) as T };
};
const traceOfInteraction = async (rt: TestRuntime, id: string) => (await getJson<Trace>(rt, `/_local/traces?interaction=${id}`)).body;
const functionsIn = (trace: Trace) => new Set(trace.entries.map((e) => e.function));
const callsIn = (trace: Trace, system: string) =>
  trace.entries.filter((e) => e.message === 'outbound call' && e.fields.system === system).map((e) => e.fields.call);
/** The one span named `name` (and whose parent is `parent`, when given): a test fails on none. */
const spanIn = (trace: Trace, name: string, parent?: TraceSpan): TraceSpan => {
  const found = trace.spans.find((s) => s.name === name && (parent === undefined || s.parentSpanId === parent.spanId));
  if (!found)
    throw new Error(`no span ${name}${parent ? ` under ${parent.name}` : ''} in ${trace.spans.map((s) => `${s.name}<${s.parentSpanId ?? ''}>`).join(', ')}`);
  return found;
};
const inTimeOrder = (trace: Trace) => trace.entries.every((e, i) => i === 0 || (trace.entries[i - 1] as TraceEntry).time <= e.time);

let rt: TestRuntime;
let clock: TestClock;
let builder: string;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
});
afterAll(() => rt.close());

describe('a bid’s trace', () => {
  it('follows a signed /bid from the ingress through the bid subscriber to the embed’s edit, in time order', async () => {
    await startAuction(rt, builder, { price: 25, duration: '2m' });
    const auction = await liveAuction(rt, builder);
    const interaction = bidCommand('830000000000000001', 30);
    await answerOf(rt, interaction);

    const trace = await traceOfInteraction(rt, interaction.id);
    expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect([...functionsIn(trace)]).toEqual(expect.arrayContaining(['discordInteractions', 'auctionBids']));
    expect(trace.entries.find((e) => e.message === 'answered')).toMatchObject({
      function: 'discordInteractions',
      fields: { interactionId: interaction.id, status: 200 },
    });
    // The first bid edits the embed at once (later ones within a second leave it to a trailing task: the next test).
    expect(callsIn(trace, 'discord')).toEqual(expect.arrayContaining(['editOriginalResponse', 'editChannelMessage']));
    expect(rt.outbox.entries.some((e) => e.kind === 'edit' && e.messageId === auction.messageId)).toBe(true);
    expect(inTimeOrder(trace)).toBe(true);

    // Each hop is a child span of the one that caused it: the ingress's request, its publish, the subscriber's delivery, its calls out.
    const ingress = spanIn(trace, 'discordInteractions');
    expect(ingress).toMatchObject({ kind: 'server', status: { code: 'ok' }, attributes: { 'http.response.status_code': 200 } });
    expect(ingress.parentSpanId).toBeUndefined();
    const publish = spanIn(trace, 'pubsub publish', ingress);
    expect(publish).toMatchObject({ kind: 'producer', function: 'discordInteractions', attributes: { 'messaging.destination.name': 'auction-bids' } });
    const delivery = spanIn(trace, 'auctionBids', publish);
    expect(delivery.kind).toBe('consumer');
    expect(spanIn(trace, 'discord editChannelMessage', delivery)).toMatchObject({ kind: 'client', function: 'auctionBids', status: { code: 'ok' } });
    expect(trace.spans.some((s) => s.name.startsWith('redis ') && s.parentSpanId === delivery.spanId)).toBe(true);
    // The lines carry the same spans: a delivery's lines name the publish as their parent.
    const answered = trace.entries.find((e) => e.function === 'discordInteractions') as TraceEntry;
    const delivered = trace.entries.find((e) => e.function === 'auctionBids') as TraceEntry;
    expect(answered.spanId).toBe(ingress.spanId);
    expect(delivered).toMatchObject({ spanId: delivery.spanId, parentSpanId: publish.spanId });

    const byId = await getJson<Trace>(rt, `/_local/trace/${trace.traceId}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(trace);
  });

  it('follows a bid whose embed edit waits for the trailing task into that task’s run', async () => {
    const auction = await liveAuction(rt, builder);
    const interaction = bidCommand('830000000000000002', 40);
    await answerOf(rt, interaction);
    // Within the second after the first bid's edit: the embed's edit is a Cloud Task, run when the clock gets there.
    clock.advance(1_500);
    await rt.tasks.runDueNow();
    await rt.settle();
    const trace = await traceOfInteraction(rt, interaction.id);
    expect([...functionsIn(trace)]).toEqual(expect.arrayContaining(['discordInteractions', 'auctionBids']));
    expect([...functionsIn(trace)]).toEqual(expect.arrayContaining(['auctionEmbed']));
    const edit = trace.entries.find((e) => e.message === 'outbound call' && e.fields.call === 'editChannelMessage');
    // The task's run is a child of the task's creation, a span of the delivery that scheduled it.
    const delivery = spanIn(trace, 'auctionBids');
    const creation = spanIn(trace, 'cloud-tasks schedule', delivery);
    expect(creation).toMatchObject({ kind: 'producer', function: 'auctionBids' });
    // A run that came before its time answered 425 and was run again: each run is a child of the creation.
    const runs = trace.spans.filter((s) => s.name === 'auctionEmbed');
    expect(runs.every((r) => r.parentSpanId === creation.spanId && r.kind === 'server')).toBe(true);
    const editSpan = spanIn(trace, 'discord editChannelMessage');
    const run = runs.find((r) => r.spanId === editSpan.parentSpanId) as TraceSpan;
    expect(editSpan.function).toBe('auctionEmbed');
    expect(edit).toMatchObject({ function: 'auctionEmbed', spanId: run.spanId, parentSpanId: creation.spanId });
    expect(rt.outbox.entries.filter((e) => e.kind === 'edit' && e.messageId === auction.messageId).length).toBeGreaterThan(1);
  });

  it('continues the trace a caller names in a valid traceparent', async () => {
    const interaction = command({ name: 'c500', path: ['help'] });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await rt.sendInteraction(interaction, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    expect(res.status).toBe(200);
    await rt.settle();
    const trace = await traceOfInteraction(rt, interaction.id);
    expect(trace.traceId).toBe(traceId);
    expect(trace.entries[0]).toMatchObject({ function: 'discordInteractions', parentSpanId: '00f067aa0ba902b7' });
  });

  it.each(['garbage', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, `00-${'A'.repeat(32)}-00f067aa0ba902b7-01`])(
    'starts a fresh trace, never a 5xx, for a malformed traceparent (%s)',
    async (traceparent) => {
      const interaction = command({ name: 'c500', path: ['help'] });
      const res = await rt.sendInteraction(interaction, { headers: { traceparent } });
      expect(res.status).toBe(200);
      await rt.settle();
      const trace = await traceOfInteraction(rt, interaction.id);
      expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(trace.traceId).not.toBe('0'.repeat(32));
      expect(trace.entries[0]?.parentSpanId).toBeUndefined();
    },
  );

  it('answers 404 for a trace it does not hold and 400 for a lookup that names no event', async () => {
    expect((await getJson(rt, `/_local/trace/${'f'.repeat(32)}`)).status).toBe(404);
    expect((await getJson(rt, '/_local/traces?interaction=1')).status).toBe(404);
    expect((await getJson(rt, '/_local/traces')).status).toBe(400);
  });
});

describe('a paid order’s traces', () => {
  it('follows the payment from the Stripe webhook to the receipt DM, and the release from the buyer’s Received to the transfer', async () => {
    const buyer = '840000000000000001';
    const { drop } = await postDrop(rt, builder);
    const link = linkIn(await pressBuyNow(rt, buyer, drop!.dropId));
    expect((await pay(rt, link)).status).toBe(200);

    const { body } = await getJson<{ events: SentStripeEvent[] }>(rt, '/_local/stripe/events');
    const completed = body.events.find((e) => e.type === 'checkout.session.completed' && e.objectId === sessionIdIn(link));
    expect(completed).toMatchObject({ id: expect.stringMatching(/^evt_/), status: 200 });
    const paidTrace = (await getJson<Trace>(rt, `/_local/traces?stripeEvent=${completed!.id}`)).body;
    expect([...functionsIn(paidTrace)]).toEqual(expect.arrayContaining(['stripeWebhook', 'stripeEvents']));
    expect(paidTrace.entries.find((e) => e.message === 'answered' && e.function === 'stripeWebhook')).toMatchObject({
      fields: { stripeEventId: completed!.id },
    });
    // The payment's trace is the checkout's: the session's metadata carried it, and the webhook's span continues the
    // span that asked Stripe for the session, beside that call; the trace Stripe's delivery came in is kept as a link.
    const creation = spanIn(paidTrace, 'stripe createCheckoutSession');
    const webhook = spanIn(paidTrace, 'stripeWebhook');
    expect(webhook.parentSpanId).toBe(creation.parentSpanId);
    expect(webhook.links).toEqual([expect.objectContaining({ traceId: expect.not.stringMatching(paidTrace.traceId) as string })]);
    expect(paidTrace.entries.some((e) => e.function === 'discordInteractions' && e.fields.interactionId !== undefined)).toBe(true);
    expect(callsIn(paidTrace, 'discord')).toContain('sendDm');
    // Its subscriber reads and writes the order in Firestore, and DMs the receipt: spans of its delivery.
    const delivery = spanIn(paidTrace, 'stripeEvents', spanIn(paidTrace, 'pubsub publish', spanIn(paidTrace, 'stripeWebhook')));
    expect(paidTrace.spans.some((s) => s.name.startsWith('firestore ') && s.parentSpanId === delivery.spanId)).toBe(true);
    expect(spanIn(paidTrace, 'discord sendDm', delivery).kind).toBe('client');

    const [paid] = (await ordersOf(rt, buyer)).filter((o) => o.status === 'paid');
    await linkTwitch(rt, builder, 'tracekeebs');
    await streamEvent(rt, 'tracekeebs', 'online');
    const live = command({ name: 'c500', path: ['live'], options: { mode: `order:${paid!.orderId}` }, userId: builder });
    await answerOf(rt, live);
    // The last payout waits for the delivery: it leaves in the trace of the buyer's Received, once shipped.
    await say(rt, builder, { path: ['ship'], options: { order: paid!.orderId, tracking: '1Z999AA10123456784', carrier: 'ups' } });
    const received = dmButtonPress(`received:${paid!.orderId}`, buyer);
    await answerOf(rt, received);
    const releaseTrace = await traceOfInteraction(rt, received.id);
    expect(callsIn(releaseTrace, 'stripe')).toContain('createTransfer');
    expect(spanIn(releaseTrace, 'stripe createTransfer')).toMatchObject({ kind: 'client', status: { code: 'ok' } });
    expect(callsIn(releaseTrace, 'discord')).toContain('sendDm');
    expect(inTimeOrder(releaseTrace)).toBe(true);
  });
});

// Under `--production-clients` the ingress publishes with the REST publisher to Google's Pub/Sub
// emulator, and the trace must cross it in the message's attributes. Skipped unless both
// emulators' hosts are set (scripts/with-emulators.mjs sets them).
const onEmulators = process.env.FIRESTORE_EMULATOR_HOST && process.env.PUBSUB_EMULATOR_HOST ? describe : describe.skip;
onEmulators('a trace on the Pub/Sub emulator, under the production clients', () => {
  let production: TestRuntime;
  beforeAll(async () => {
    production = await startTestRuntime({ env: { C500_PRODUCTION_CLIENTS: '1', C500_FAULTS: 'off', GOOGLE_CLOUD_PROJECT: undefined } });
  }, 60_000);
  afterAll(() => production?.close());

  it('crosses the emulator in googclient_traceparent: the subscriber’s span is a child of the ingress’s publish', async () => {
    const interaction = command({ name: 'c500', path: ['profile'] });
    expect((await production.sendInteraction(interaction)).status).toBe(200);
    await production.settle();
    const trace = await traceOfInteraction(production, interaction.id);
    const answered = trace.entries.find((e) => e.message === 'answered');
    const delivered = trace.entries.find((e) => e.message === 'delivery handled');
    expect(answered).toMatchObject({ function: 'discordInteractions' });
    const publish = spanIn(trace, 'pubsub publish', spanIn(trace, 'discordInteractions'));
    expect(delivered?.parentSpanId).toBe(publish.spanId);
  });
});
