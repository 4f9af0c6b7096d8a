/**
 * The SLO evaluator (scripts/slo/terraform-slos.ts) fed failures, over terraform/'s SLOs and
 * over the definition they replaced (test/fixtures/slo/before-issue-63: metrics.tf and slos.tf
 * as they stood when issue 63 was filed). Before, an interaction was good when its `ms` was
 * under 3 s whatever it answered, and releases and receipts counted only those that went: a
 * full Pub/Sub outage (every publish given up at 2.5 s, answered 500) scored 100 %. Now an
 * interaction is good only when answered 2xx inside 3 s, counted over every request Cloud Run
 * received (stood in for locally by the `http.answered` lines and the requests that got none),
 * and a bid, a release and a receipt are counted over what was asked of them.
 */
import { join } from 'node:path';
import { logEntryOf, type LogEntry } from '../../scripts/slo/logging-filter';
import {
  complianceOf,
  loadBurnWindows,
  loadTerraformSlos,
  pagesOn,
  type BurnWindow,
  type RunOutside,
  type TerraformSlos,
} from '../../scripts/slo/terraform-slos';
import { runSloFilterOf, unanswered } from '../../scripts/slo/run-requests';
import { loadTerraform, terraformDir } from '../support/terraform';
import { discordIngressLines } from '../support/discord-ingress-lines';
import { functionRegistry } from '../../shared/registry';

const beforeIssue63 = join(__dirname, '..', 'fixtures', 'slo', 'before-issue-63');

const line = (fields: Record<string, unknown>) => logEntryOf({ severity: 'INFO', message: String(fields.event), ...fields });
const answered = (status: number, ms: number) => line({ event: 'http.answered', function: 'discordInteractions', status, ms });
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

/** Every publish given up at 2.5 s (answered 500), and five forged requests (answered 401). */
const pubsubOutage = [...times(20, () => answered(500, 2_500)), ...times(5, () => answered(401, 1))];
/** A bid the book could not decide, a release Stripe refused, a receipt Discord never took. */
const moneyFailures = [
  line({ event: 'bid.decided', outcome: 'refused', reason: 'book-unavailable', repeat: false }),
  line({ event: 'release.owed', orderId: 'o1' }),
  line({ event: 'release.refused', orderId: 'o1' }),
  line({ event: 'receipt.owed', eventId: 'evt_1', bundled: false }),
  line({ event: 'dm.failed', fact: 'receipt', ms: 61_000 }),
];
/** Each of those going well. */
const allWell = [
  answered(200, 40),
  line({ event: 'bid.decided', outcome: 'refused', reason: 'too-low', repeat: false }),
  line({ event: 'bid.decided', outcome: 'accepted', reason: 'leading', repeat: false }),
  line({ event: 'release.owed', orderId: 'o2' }),
  line({ event: 'release.sent', orderId: 'o2', waited: false, ms: 300_000 }),
  line({ event: 'receipt.owed', eventId: 'evt_2', bundled: true }),
  line({ event: 'dm.told', fact: 'show-receipt', outcome: 'sent', ms: 20_000 }),
];

function scored(tf: TerraformSlos, lines: LogEntry[], outside?: RunOutside): Record<string, string> {
  return Object.fromEntries(complianceOf(tf, lines, outside).map((c) => [c.slo.name, `${c.good} of ${c.total}`]));
}

describe('the SLO evaluator fed failures', () => {
  let now: TerraformSlos;
  let before: TerraformSlos;
  beforeAll(async () => {
    [now, before] = await Promise.all([loadTerraformSlos(terraformDir), loadTerraformSlos(beforeIssue63)]);
  });

  it('GIVEN 20 interactions answered 500 after 2.5 s and 5 forged ones answered 401 THEN the old definition scored all 25 good, and now none is: the 500s bad, the 401s no person’s interaction', () => {
    expect(scored(before, pubsubOutage).interactions).toBe('25 of 25');
    expect(scored(now, pubsubOutage)).toMatchObject({ interactions: '0 of 20', interaction_latency: '0 of 0' });
  });

  it('GIVEN an interaction the ingress never answered (no line: a crash, a timeout) THEN Cloud Run’s stand-in counts it as bad, where the old definition never saw it', () => {
    const lines = [answered(200, 40)];
    const outside = { unanswered: [unanswered('discordInteractions', 60_000)] };
    expect(scored(before, lines, outside).interactions).toBe('1 of 1');
    expect(scored(now, lines, outside)).toMatchObject({ interactions: '1 of 2', interaction_latency: '1 of 1' });
  });

  it('GIVEN an interaction answered 2xx after 3 s THEN it is bad by its time, though good by its status', () => {
    expect(scored(now, [answered(200, 3_001), answered(200, 3_000)])).toMatchObject({ interactions: '2 of 2', interaction_latency: '1 of 2' });
  });

  it('GIVEN a bid the book could not decide, a release Stripe refused and a receipt that never went THEN each is bad, where the old definition counted none of them', () => {
    expect(scored(before, moneyFailures)).toMatchObject({ releases: '0 of 0', receipts: '0 of 0' });
    expect(scored(before, moneyFailures).bids).toBeUndefined();
    expect(scored(now, moneyFailures)).toMatchObject({ bids: '0 of 1', releases: '0 of 1', receipts: '0 of 1' });
  });

  it('GIVEN each of those going well THEN each is good: a refusal by the book’s rules is the book working', () => {
    expect(scored(now, allWell)).toMatchObject({
      interactions: '1 of 1',
      interaction_latency: '1 of 1',
      bids: '2 of 2',
      releases: '1 of 1',
      receipts: '1 of 1',
    });
  });

  it('builds for the stand-in the very filter terraform gives Cloud Monitoring', async () => {
    const tf = await loadTerraform();
    const template = runSloFilterOf('${slo.run_metric}', '${local.deployed_names[slo.run_function]}', '${slo.counted}');
    expect(String(tf.locals.run_slo_filters)).toContain(template.replace(/"/g, '\\"'));
  });
});

/** A request an ingress answered, with the shape of the signature it carried (the `signature` field its `http.answered` line gets). */
const signed = (fn: string, status: number, signature: 'fresh' | 'absent' | 'malformed' | 'stale') =>
  line({ event: 'http.answered', function: fn, status, ms: 3, signature });

describe('the SLO evaluator’s pages on refused signatures, per source', () => {
  let now: TerraformSlos;
  let windows: BurnWindow[];
  beforeAll(async () => {
    [now, windows] = await Promise.all([loadTerraformSlos(terraformDir), loadBurnWindows(terraformDir)]);
  });
  const paged = (lines: LogEntry[]) => [...new Set(pagesOn(now, windows, lines).map((p) => p.slo))].sort();

  it('GIVEN a wrong DISCORD_PUBLIC_KEY (every interaction Discord signs refused 401, the probe’s own key still let in) THEN it pages on Discord’s signatures', () => {
    const hour = [...times(400, () => signed('discordInteractions', 401, 'fresh')), ...times(24, () => signed('discordInteractions', 200, 'fresh'))];
    expect(scored(now, hour)).toMatchObject({ discord_signatures: '24 of 424', interactions: '24 of 24' });
    expect(paged(hour)).toEqual(['discord_signatures']);
  });

  it('GIVEN the real Discord ingress holding another key than the one Discord signs with THEN the lines it writes page on Discord’s signatures, though the probe’s own PINGs pass', async () => {
    const hour = await discordIngressLines({ rightKey: false, interactions: 40, probePings: 4 });
    const answers = hour.filter((l) => l.jsonPayload.event === 'http.answered');
    expect(answers.map((l) => `${String(l.jsonPayload.status)} ${String(l.jsonPayload.signature)}`).sort()).toEqual([
      ...times(4, () => '200 fresh'),
      ...times(40, () => '401 fresh'),
    ]);
    expect(scored(now, hour)).toMatchObject({ discord_signatures: '4 of 44' });
    expect(paged(hour)).toEqual(['discord_signatures']);
  });

  it('GIVEN the real Discord ingress holding the key Discord signs with THEN the same traffic pages nothing', async () => {
    const hour = await discordIngressLines({ rightKey: true, interactions: 40, probePings: 4 });
    expect(scored(now, hour)).toMatchObject({ discord_signatures: '44 of 44' });
    expect(paged(hour)).toEqual([]);
  });

  it('GIVEN Stripe’s every signature refused during a show’s chat volume on the Twitch webhook THEN it pages on Stripe’s signatures, which chat cannot dilute', () => {
    const hour = [...times(20_000, () => signed('twitchWebhook', 200, 'absent')), ...times(60, () => signed('stripeWebhook', 401, 'fresh'))];
    expect(scored(now, hour)).toMatchObject({ stripe_signatures: '0 of 60', webhooks: '20000 of 20000' });
    expect(paged(hour)).toEqual(['stripe_signatures']);
  });

  it('GIVEN 30 unsigned POSTs from a stranger to the Stripe webhook in a quiet hour, and garbled and stale ones to Discord’s THEN nothing pages', () => {
    const hour = [
      ...times(30, () => signed('stripeWebhook', 401, 'absent')),
      ...times(5, () => signed('discordInteractions', 401, 'malformed')),
      ...times(5, () => signed('discordInteractions', 401, 'stale')),
      signed('stripeWebhook', 200, 'fresh'),
    ];
    expect(scored(now, hour)).toMatchObject({ stripe_signatures: '1 of 1', webhooks: '1 of 1', discord_signatures: '0 of 0' });
    expect(paged(hour)).toEqual([]);
  });

  it('GIVEN a wrong Twitch EventSub secret during a show (every chat delivery Twitch signs refused 401) THEN it pages on Twitch’s signatures alone', () => {
    const hour = [
      ...times(20_000, () => signed('twitchWebhook', 401, 'fresh')),
      ...times(60, () => signed('stripeWebhook', 200, 'fresh')),
      ...times(5_000, () => signed('discordInteractions', 200, 'fresh')),
    ];
    expect(scored(now, hour)).toMatchObject({ twitch_signatures: '0 of 20000', stripe_signatures: '60 of 60', webhooks: '60 of 60' });
    expect(paged(hour)).toEqual(['twitch_signatures']);
  });

  it('GIVEN 30 unsigned POSTs from a stranger to the Twitch webhook in a quiet hour THEN nothing pages', () => {
    const hour = [...times(30, () => signed('twitchWebhook', 401, 'absent')), signed('twitchWebhook', 200, 'fresh')];
    expect(scored(now, hour)).toMatchObject({ twitch_signatures: '1 of 1', webhooks: '1 of 1' });
    expect(paged(hour)).toEqual([]);
  });

  const signedIngresses = functionRegistry.flatMap((f) => (f.kind === 'http' && f.signedBy ? [{ fn: f.name, slo: `${f.signedBy}_signatures` }] : []));

  it('GIVEN every signed ingress of the registry THEN each has its own signatures SLO, over its own function’s series', () => {
    const made = now.slos.filter((slo) => slo.name.endsWith('_signatures'));
    expect(made.map((slo) => [slo.name, slo.sli]).sort()).toEqual(
      signedIngresses
        .map(({ fn, slo }) => [slo, { kind: 'ratio', goodMetric: 'signatures_accepted', totalMetric: 'signatures_fresh', labels: { function: fn } }])
        .sort(),
    );
    expect(signedIngresses.map(({ slo }) => slo).sort()).toEqual([
      'carrier_signatures',
      'discord_signatures',
      'kofi_signatures',
      'shopify_signatures',
      'stripe_signatures',
      'twitch_signatures',
    ]);
  });

  it.each(signedIngresses)(
    'GIVEN $fn refusing every fresh signature (a wrong secret) beside a show’s Twitch chat THEN it pages on $slo; GIVEN 30 unsigned POSTs to it THEN nothing pages',
    ({ fn, slo }) => {
      const chat = fn === 'twitchWebhook' ? [] : times(20_000, () => signed('twitchWebhook', 200, 'fresh'));
      expect(paged([...chat, ...times(60, () => signed(fn, 401, 'fresh'))])).toEqual([slo]);
      expect(
        paged([...chat, ...times(30, () => signed(fn, 401, 'absent')), ...times(30, () => signed(fn, 401, 'malformed')), signed(fn, 200, 'fresh')]),
      ).toEqual([]);
    },
  );

  it('GIVEN a healthy show hour (one Stripe signature in a thousand refused: a clock blip) THEN nothing pages', () => {
    const hour = [
      ...times(999, () => signed('stripeWebhook', 200, 'fresh')),
      signed('stripeWebhook', 401, 'fresh'),
      ...times(5_000, () => signed('discordInteractions', 200, 'fresh')),
    ];
    expect(paged(hour)).toEqual([]);
  });
});
