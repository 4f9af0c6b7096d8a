/**
 * Every log-based metric of terraform/metrics.tf, its filter run (scripts/slo/logging-filter)
 * over log lines the product really writes: a sample of a soak's log
 * (test/fixtures/slo/soak-log-sample.jsonl, kept by scripts/slo/record-log-sample.ts) and the
 * lines the product's own code writes here for the refusals a soak does not make (a forged
 * Stripe delivery, a stale EventSub message, a poison message, a task's last attempt, the
 * Discord ingress holding a wrong key). A
 * metric fails when it would count nothing, count a line it does not mean, miss one it
 * means, read a field no line has, or leave a label or a distribution's value empty.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from '@google-cloud/functions-framework';
import { compileExtractor, fieldsOf, readLogLines, type LogEntry } from '../../scripts/slo/logging-filter';
import { countOf, loadTerraformSlos, type LogMetric, type TerraformSlos } from '../../scripts/slo/terraform-slos';
import { terraformDir } from '../support/terraform';
import { discordIngressLines } from '../support/discord-ingress-lines';
import { functionRegistry, queues, signedSources } from '../../shared/registry';
import { bidOutcomes } from '../../shared/ports/auction-book';
import { acceptStripeEvent } from '../../shared/payments/use-cases/accept-stripe-event';
import { acceptTwitchMessage } from '../../shared/onboarding/use-cases/accept-twitch-message';
import { acceptKofiSale, acceptShopifyEvent } from '../../shared/races';
import { acceptCarrierWebhook } from '../../shared/marketplace';
import { CarrierSignatureRefused } from '../../shared/ports';
import { pubsubFunction } from '../../shared/triggers/pubsub-trigger';
import { taskFunction } from '../../shared/triggers/task-trigger';
import { httpFunction, rawBodyOf } from '../../shared/triggers/http-trigger';
import { PoisonMessage } from '../../shared/errors';
import { loggedCalls } from '../../shared/outbound-calls';
import { RecentIds } from '../../shared/common';
import type { Config } from '../../shared/config';
import { tellOnce } from '../../shared/discord';
import { countLiveShows, showPath, type Show } from '../../shared/shows';
import { commandTally } from '../../shared/adapters/upstash/command-tally';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import type { DiscordMessenger } from '../../shared/ports';
import { answerInteraction } from '../../shared/router/answer-interaction';
import { madeUpInteraction } from '../../shared/router/rehearse-interactions';
import { readInteraction } from '../../shared/discord';

const root = join(__dirname, '..', '..');
const webhooks = new Set(['stripeWebhook', 'twitchWebhook', 'kofiWebhook', 'shopifyWebhook']);
const signedFunctions = new Set(functionRegistry.flatMap((f) => (f.kind === 'http' && f.signedBy ? [f.name] : [])));
const field = (entry: LogEntry, name: string) => entry.jsonPayload[name];

/** What each metric means, said apart from its filter: the lines it must count, and only those. */
const meant: Record<string, (entry: LogEntry) => boolean> = {
  interaction_answer_ms: (e) => field(e, 'event') === 'http.answered' && field(e, 'function') === 'discordInteractions',
  webhook_answers: (e) => field(e, 'event') === 'http.answered' && webhooks.has(String(field(e, 'function'))) && field(e, 'status') !== 401,
  // Only the signed ingresses write the signature's shape: the filter need not name them, and this holds it so.
  signatures_fresh: (e) => field(e, 'event') === 'http.answered' && signedFunctions.has(String(field(e, 'function'))) && field(e, 'signature') === 'fresh',
  signatures_accepted: (e) =>
    field(e, 'event') === 'http.answered' &&
    signedFunctions.has(String(field(e, 'function'))) &&
    field(e, 'signature') === 'fresh' &&
    field(e, 'status') !== 401,
  webhook_answers_2xx: (e) =>
    field(e, 'event') === 'http.answered' && webhooks.has(String(field(e, 'function'))) && Math.floor(Number(field(e, 'status')) / 100) === 2,
  bids_decided: (e) => field(e, 'event') === 'bid.decided' && field(e, 'repeat') === false,
  bids_book_answered: (e) => field(e, 'event') === 'bid.decided' && field(e, 'repeat') === false && field(e, 'reason') !== 'book-unavailable',
  webhook_refusals: (e) => field(e, 'event') === 'webhook.refused',
  deliveries_failed: (e) => field(e, 'event') === 'delivery.failed',
  deliveries_poisoned: (e) => field(e, 'event') === 'delivery.poison',
  tasks_given_up: (e) => field(e, 'event') === 'task.given-up',
  releases: (e) => field(e, 'event') === 'release.sent' || field(e, 'event') === 'release.refused',
  releases_owed: (e) => field(e, 'event') === 'release.owed',
  releases_in_time: (e) => field(e, 'event') === 'release.sent' && field(e, 'waited') === false && Number(field(e, 'ms')) <= 600_000,
  receipts_owed: (e) => field(e, 'event') === 'receipt.owed',
  receipts_in_time: (e) =>
    field(e, 'event') === 'dm.told' && (field(e, 'fact') === 'receipt' || field(e, 'fact') === 'show-receipt') && Number(field(e, 'ms')) <= 60_000,
  dms_failed: (e) => field(e, 'event') === 'dm.failed',
  dms_unsure: (e) => field(e, 'event') === 'dm.unsure' || field(e, 'event') === 'dm.resent',
  refunds: (e) => field(e, 'event') === 'refund.recorded',
  disputes: (e) => field(e, 'event') === 'dispute.changed',
  debts: (e) => field(e, 'event') === 'debt.recorded',
  interactions_not_taken: (e) => field(e, 'event') === 'interaction.not-taken',
  error_lines: (e) => ['ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'].includes(e.severity),
  outbound_calls: (e) => field(e, 'message') === 'outbound call',
  outbound_refusals: (e) => field(e, 'message') === 'outbound call' && field(e, 'outcome') === 'refused',
  redis_commands: (e) => field(e, 'event') === 'redis.commands',
  shows_live: (e) => field(e, 'event') === 'shows.live' && Number(field(e, 'count')) > 0,
  sweep_runs: (e) => field(e, 'event') === 'shows.live',
};

/** The values a label may take, from the product's own lists; unnamed labels need only be non-empty. */
const functionNames = new Set(functionRegistry.map((f) => f.name));
const labelValues: Record<string, (value: string) => boolean> = {
  function: (v) => functionNames.has(v),
  queue: (v) => queues.some((q) => q.name === v),
  outcome: (v) => ['accepted', 'refused', 'sent', 'dms-closed', 'mentioned'].includes(v) || v.length > 0,
  reason: (v) => ([...bidOutcomes, 'book-unavailable', 'signature', 'stale'] as string[]).includes(v),
  source: (v) => (signedSources as readonly string[]).includes(v),
  status: (v) => /^\d{3}$/.test(v) || v.length > 0,
  system: (v) => ['discord', 'stripe'].includes(v),
  // The book's database by its index (bookDatabases' order), never its address.
  database: (v) => /^\d+$/.test(v),
};

/**
 * Metrics neither the soak's sample nor the lines made here reach; their event is checked in the code instead
 * (and the owed lines by shared/payments/test/slo-lines.test.ts, against the code that writes them).
 */
const onlyInCode = new Set(['debts', 'releases_owed', 'receipts_owed']);

/** What is wrong with one metric over these lines, one readable line each. */
export function metricProblems(metric: LogMetric, lines: readonly LogEntry[], mustCount: boolean): string[] {
  const problems: string[] = [];
  const { lines: counted, values } = countOf(metric, lines);
  const intent = meant[metric.name];
  if (!intent) return [`${metric.name}: the test does not say what it means (add it to \`meant\`)`];
  const wanted = lines.filter(intent);
  if (mustCount && counted.length === 0) problems.push(`${metric.name}: counts nothing in the soak's log (${metric.filter})`);
  for (const line of counted.filter((l) => !intent(l)))
    problems.push(`${metric.name}: counts a line it does not mean: ${JSON.stringify(line.jsonPayload).slice(0, 200)}`);
  for (const line of wanted.filter((l) => !counted.includes(l)))
    problems.push(`${metric.name}: misses a line it means: ${JSON.stringify(line.jsonPayload).slice(0, 200)}`);
  for (const name of fieldsOf(metric.filter)) {
    const [, key] = name.split('.');
    if (name !== 'severity' && !lines.some((l) => key !== undefined && key in l.jsonPayload)) problems.push(`${metric.name}: reads ${name}, which no line has`);
  }
  if (metric.valueType === 'DISTRIBUTION' && values.length !== counted.length)
    problems.push(`${metric.name}: ${counted.length - values.length} of ${counted.length} lines give no number to ${metric.value ?? 'its value_extractor'}`);
  for (const [label, extractor] of Object.entries(metric.labels)) {
    const extract = compileExtractor(extractor);
    const allowed = labelValues[label] ?? ((v: string) => v.length > 0);
    for (const line of counted) {
      const value = extract(line);
      if (value === undefined || !allowed(value))
        problems.push(`${metric.name}: label ${label} reads ${JSON.stringify(value)} from ${JSON.stringify(line.jsonPayload).slice(0, 160)}`);
    }
  }
  return problems;
}

/** The lines the product's code writes while it runs `work`, as Cloud Logging would store them. */
async function linesWrittenBy(work: () => Promise<unknown>): Promise<LogEntry[]> {
  const written: string[] = [];
  const level = process.env.C500_LOG_LEVEL;
  process.env.C500_LOG_LEVEL = 'info';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  try {
    await work().catch(() => undefined);
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env.C500_LOG_LEVEL = level;
  }
  return readLogLines(written.join(''));
}

function fakeRequest(headers: Record<string, string>, body = '{}'): Request {
  return { get: (name: string) => headers[name.toLowerCase()], headers, path: '/tasks/x', rawBody: Buffer.from(body), body: {} } as unknown as Request;
}
const fakeResponse = { writeHead: () => fakeResponse, end: () => fakeResponse } as unknown as Response;
const discordDown = {
  sendDm: async () => {
    throw Object.assign(new Error('Discord answered 503'), { status: 503 });
  },
} as unknown as DiscordMessenger;

/** Lines of DMs whose try was cut off mid-send and taken over after Discord forgot the nonce. */
function cutOffDms(): Array<() => Promise<void>> {
  // A DM whose try was cut off mid-send, taken over after Discord forgot its nonce: a pay link is sent again, another DM is not.
  return [true, false].map((mustArrive) => async () => {
    const store = new LocalDocumentStore();
    let now = Date.parse('2026-11-26T12:00:00.000Z');
    const moving = { now: () => new Date(now) };
    const cutOff = new DiscordOutbox(() => undefined, { clock: moving });
    void tellOnce(
      { store, discord: Object.assign(Object.create(cutOff) as DiscordOutbox, { sendDm: () => new Promise<never>(() => undefined) }), clock: moving },
      'groupbuy-pay-link:g1:1',
      'u1',
      { content: 'pay' },
      undefined,
      { mustArrive },
    );
    for (let turn = 0; turn < 100; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
    now += 30 * 60_000;
    await tellOnce({ store, discord: cutOff, clock: moving }, 'groupbuy-pay-link:g1:1', 'u1', { content: 'pay' }, undefined, { mustArrive });
  });
}

/** The refusals and failures a soak does not make, made by the code that logs them. */
async function refusalLines(): Promise<LogEntry[]> {
  const publisher = { publish: async () => 'message-1' };
  const clock = { now: () => new Date('2026-11-26T12:00:00.000Z') };
  const embed = queues.find((q) => q.name === 'auction-embed');
  if (!embed) throw new Error('no auction-embed queue');
  const works: Array<() => Promise<unknown>> = [
    // The signed ingresses as deployed (each answer line carries the signature's shape).
    ...signedIngressRefusals(publisher),
    () =>
      acceptStripeEvent(Buffer.from('{}'), 't=1,v1=forged', {
        isSignedByStripe: () => false,
        publisher,
        recent: new RecentIds(),
        clock: { now: () => new Date() },
      }),
    () =>
      acceptTwitchMessage(
        {
          headers: {
            'twitch-eventsub-message-id': 'm1',
            // An hour before the clock: outside EventSub's ten-minute replay window.
            'twitch-eventsub-message-timestamp': '2026-11-26T11:00:00.000Z',
            'twitch-eventsub-message-type': 'notification',
            'twitch-eventsub-message-signature': 'sha256=00',
          },
          body: Buffer.from('{}'),
        },
        { publisher, recent: new RecentIds(), clock, verifySignature: () => true },
      ),
    () =>
      pubsubFunction('auctionBids', async () => {
        throw new PoisonMessage('not a bid');
      })({ data: { message: { data: '', messageId: 'p1', publishTime: '' }, subscription: 's', deliveryAttempt: 1 } } as never),
    // Calls to Stripe and Discord: one answered, one rate limited (429), one failed (500).
    () => loggedCalls('stripe', { createTransfer: async () => 'tr_1' }).createTransfer(),
    () =>
      loggedCalls('stripe', {
        createTransfer: async () => {
          throw Object.assign(new Error('Too many requests'), { statusCode: 429 });
        },
      }).createTransfer(),
    () =>
      loggedCalls('discord', {
        sendDm: async () => {
          throw Object.assign(new Error('You are being rate limited.'), { status: 429, code: 0 });
        },
      }).sendDm(),
    () =>
      loggedCalls('discord', {
        editChannelMessage: async () => {
          throw Object.assign(new Error('Internal Server Error'), { status: 500, code: 0 });
        },
      }).editChannelMessage(),
    () =>
      taskFunction('auctionEmbed', { runtime: 'local' } as Config, async () => {
        throw new Error('Discord is down');
      })(fakeRequest({ 'x-cloudtasks-queuename': 'auction-embed', 'x-cloudtasks-taskretrycount': String(embed.maxAttempts - 1) }), fakeResponse),
    // A bid whose work Pub/Sub does not take: the ingress answers in words and logs it.
    async () => {
      const read = readInteraction(madeUpInteraction(1));
      if (!read.ok) throw new Error(read.problem);
      const refusing = { publish: async () => Promise.reject(new Error('The operation was aborted due to timeout')) };
      await answerInteraction(read.interaction, { publisher: refusing, recent: new RecentIds(), currency: 'usd' });
    },
    // A receipt Discord does not take this time (the soak's Discord faults are retried before a sample is kept).
    () =>
      tellOnce({ store: new LocalDocumentStore(), discord: discordDown, clock }, 'receipt:o1', 'u1', { content: 'paid' }, undefined, {
        since: '2026-11-26T11:59:30.000Z',
      }),
    ...cutOffDms(),
    // The live-show heartbeat over a store with a show running, and the Upstash tally of one window.
    async () => {
      const store = new LocalDocumentStore();
      await store.set(showPath('s1'), { status: 'running' } as Show);
      await countLiveShows({ store });
    },
    async () => {
      const tally = commandTally(clock, 1);
      tally.add(5400);
      tally.flush();
    },
  ];
  // One after another: each replaces stdout while it runs.
  const lines: LogEntry[] = [];
  for (const work of works) lines.push(...(await linesWrittenBy(work)));
  return lines;
}

/** The Stripe, Twitch, Ko-fi, Shopify and carrier ingresses (their use cases in httpFunction, as functions/ runs them) answering what they are sent. */
function signedIngressRefusals(publisher: { publish: () => Promise<string> }): Array<() => Promise<unknown>> {
  const guild = '123456789012345678';
  const shop = { publisher, recent: new RecentIds(), clock: { now: () => new Date() }, secretFor: async () => 'a-secret-we-hold' };
  const twitch = (headers: Record<string, string>) => () =>
    httpFunction('twitchWebhook', (req) =>
      acceptTwitchMessage(
        { headers: req.headers, body: rawBodyOf(req) },
        { publisher, recent: new RecentIds(), clock: { now: () => new Date() }, verifySignature: () => false },
      ),
    )(fakeRequest(headers), fakeResponse);
  const twitchHeaders = {
    'twitch-eventsub-message-id': 'm2',
    'twitch-eventsub-message-timestamp': new Date().toISOString(),
    'twitch-eventsub-message-type': 'notification',
  };
  const kofiBody = `data=${encodeURIComponent(JSON.stringify({ verification_token: '0f8fad5b-d9cb-469f-a165-70867728950e' }))}`;
  // Stripe's as deployed (its answer line carries the signature's shape): a fresh signature refused, one accepted, an unsigned POST; the others each refuse a well-formed signature (a wrong secret), Twitch an unsigned POST too.
  const stripeIngress = (signedByStripe: boolean, header: string | undefined) => () =>
    httpFunction('stripeWebhook', (req) =>
      acceptStripeEvent(rawBodyOf(req), req.get('stripe-signature'), {
        isSignedByStripe: () => signedByStripe,
        publisher,
        recent: new RecentIds(),
        clock: { now: () => new Date() },
      }),
    )(fakeRequest(header === undefined ? {} : { 'stripe-signature': header }), fakeResponse);
  const fresh = `t=${Math.floor(Date.now() / 1000)},v1=${'ab'.repeat(32)}`;
  return [
    stripeIngress(false, fresh),
    stripeIngress(true, fresh),
    stripeIngress(false, undefined),
    twitch({ ...twitchHeaders, 'twitch-eventsub-message-signature': `sha256=${'ab'.repeat(32)}` }),
    twitch(twitchHeaders),
    () =>
      httpFunction('kofiWebhook', (req) => acceptKofiSale(guild, rawBodyOf(req), { ...shop, kofiTokenMatches: () => false }))(
        fakeRequest({}, kofiBody),
        fakeResponse,
      ),
    () =>
      httpFunction('shopifyWebhook', (req) =>
        acceptShopifyEvent(
          guild,
          rawBodyOf(req),
          { hmac: `${'A'.repeat(43)}=`, topic: 'orders/paid', webhookId: 'w1' },
          { ...shop, verifyShopifySignature: () => false },
        ),
      )(fakeRequest({}), fakeResponse),
    () =>
      httpFunction('carrierWebhook', (req) =>
        acceptCarrierWebhook(
          { headers: req.headers, body: rawBodyOf(req) },
          {
            publisher,
            readWebhook: () => {
              throw new CarrierSignatureRefused('the signature does not match');
            },
          },
        ),
      )(fakeRequest({ 'x-hmac-signature': `hmac-sha256-hex=${'ab'.repeat(32)}` }), fakeResponse),
  ];
}

describe('terraform/metrics.tf’s log-based metrics over the lines the product writes', () => {
  let tf: TerraformSlos;
  let lines: LogEntry[];
  beforeAll(async () => {
    tf = await loadTerraformSlos(terraformDir);
    const sample = readLogLines(readFileSync(join(root, 'test', 'fixtures', 'slo', 'soak-log-sample.jsonl'), 'utf8'));
    // The Discord ingress as deployed, holding a wrong key and then the right one (its lines for signatures_fresh and _accepted).
    const discord = [
      ...(await discordIngressLines({ rightKey: false, interactions: 2, probePings: 1 })),
      ...(await discordIngressLines({ rightKey: true, interactions: 2, probePings: 0 })),
    ];
    lines = [...sample, ...(await refusalLines()), ...discord];
  });

  it('has a sample of a soak’s log to run over, and the refusals made here are logged', () => {
    expect(lines.length).toBeGreaterThan(100);
    const made = lines.filter(
      (l) => l.jsonPayload.event === 'webhook.refused' || l.jsonPayload.event === 'delivery.poison' || l.jsonPayload.event === 'task.given-up',
    );
    expect(made.map((l) => `${String(l.jsonPayload.event)} ${String(l.jsonPayload.source ?? l.jsonPayload.function)}`).sort()).toEqual([
      'delivery.poison auctionBids',
      'task.given-up auctionEmbed',
      'webhook.refused carrier',
      'webhook.refused discord',
      'webhook.refused discord',
      'webhook.refused kofi',
      'webhook.refused shopify',
      'webhook.refused stripe',
      'webhook.refused stripe',
      'webhook.refused stripe',
      'webhook.refused twitch',
      'webhook.refused twitch',
      'webhook.refused twitch',
    ]);
  });

  it('GIVEN each signed ingress refusing a well-formed signature THEN its answer line carries signature "fresh", which the signature metrics count by its function', () => {
    const refusedFresh = lines.filter((l) => l.jsonPayload.event === 'http.answered' && l.jsonPayload.signature === 'fresh' && l.jsonPayload.status === 401);
    const fresh = tf.metrics.get('signatures_fresh') as LogMetric;
    const byFunction = compileExtractor(fresh.labels.function as string);
    // Discord's among them: its ingress as deployed (functions/discord-interactions.ts), holding a wrong key.
    expect([...new Set(countOf(fresh, refusedFresh).lines.map(byFunction))].sort()).toEqual([...signedFunctions].sort());
    const unsigned = lines.filter((l) => l.jsonPayload.event === 'http.answered' && l.jsonPayload.function === 'twitchWebhook' && l.jsonPayload.status === 401);
    expect(unsigned.map((l) => l.jsonPayload.signature).sort()).toEqual(['absent', 'fresh']);
  });

  it('counts, for every metric, exactly the lines it means, with every label and value filled', () => {
    const problems = [...tf.metrics.values()].flatMap((metric) => metricProblems(metric, lines, !onlyInCode.has(metric.name)));
    expect(problems).toEqual([]);
  });

  it('says what every metric means, and no meaning is left without its metric', () => {
    expect([...tf.metrics.keys()].sort()).toEqual(Object.keys(meant).sort());
  });

  it('names in its filters only events the code logs', () => {
    const code = ['shared', 'functions'].flatMap((dir) => sourceFiles(join(root, dir))).map((file) => readFileSync(file, 'utf8'));
    const missing: string[] = [];
    for (const metric of tf.metrics.values()) {
      for (const [, event] of metric.filter.matchAll(/jsonPayload\.event="([^"]+)"/g)) {
        const logged = code.some((text) => text.includes(`event: '${event}'`));
        if (!logged) missing.push(`${metric.name}: no log line in shared/ or functions/ has event: '${event}'`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('GIVEN a filter with a misspelled field, a wrong event, a wrong label or a bare distribution THEN each is found', () => {
    const bids = tf.metrics.get('bids_decided') as LogMetric;
    const answers = tf.metrics.get('interaction_answer_ms') as LogMetric;
    expect(metricProblems({ ...bids, filter: bids.filter.replace('jsonPayload.event', 'jsonPayload.evnt') }, lines, true)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^bids_decided: counts nothing/), 'bids_decided: reads jsonPayload.evnt, which no line has']),
    );
    expect(metricProblems({ ...bids, filter: 'jsonPayload.event="bid.decidd" AND jsonPayload.repeat=false' }, lines, true)[0]).toMatch(
      /^bids_decided: counts nothing/,
    );
    expect(metricProblems({ ...answers, filter: 'jsonPayload.event="http.answered"' }, lines, true)[0]).toMatch(
      /^interaction_answer_ms: counts a line it does not mean/,
    );
    expect(metricProblems({ ...bids, labels: { reason: 'EXTRACT(jsonPayload.reasons)' } }, lines, true)[0]).toMatch(
      /^bids_decided: label reason reads undefined/,
    );
    expect(metricProblems({ ...answers, value: 'EXTRACT(jsonPayload.millis)' }, lines, true)[0]).toMatch(/lines give no number/);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'local' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}
