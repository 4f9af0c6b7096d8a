/**
 * `npm run deploy` and `rollback` against a stateful stand-in of `gcloud` and `terraform` on the
 * PATH, which keeps each service's revisions, traffic and tags in a file and applies Cloud Run's
 * traffic rules as `gcloud run services update-traffic` documents them: `--to-revisions REV=N`
 * gives REV N % and the revisions not named keep the rest in proportion to what they had; a tag
 * or a revision that does not exist is refused; a row that follows the latest revision moves to
 * each new one. `terraform apply` makes one new revision per changed function, and, in the
 * scenario of a provider that drops `all_traffic_on_latest_revision = false`, gives it all
 * traffic. Each probe run through a canary's tag URL adds its two requests to that revision's
 * request log; `gcloud secrets versions access` answers from the state's secrets, and `curl` (the
 * synthetic deliveries) checks a Stripe delivery's signature as the revision it reaches would,
 * with that revision's own secret, and logs the 200 or 401 it answers. The four "Done when"
 * cases of issue 80 are here; nothing waits on a clock: the stand-ins count requests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionUpdate, runDeployScript, useCommandStandIns } from '../support/deploy-stand-ins';

const standIn = `
const { createHmac } = require('node:crypto');
const { appendFileSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const [name, ...args] = process.argv.slice(2);
const dir = process.env.STAND_IN_DIR;
appendFileSync(join(dir, 'calls.log'), JSON.stringify([name, ...args]) + '\\n');
const statePath = join(dir, 'state.json');
const state = JSON.parse(readFileSync(statePath, 'utf8'));
const save = () => writeFileSync(statePath, JSON.stringify(state));
const refuse = (text) => { process.stderr.write('ERROR: ' + text + '\\n'); process.exit(1); };
const flag = (f) => (args.find((a) => a.startsWith(f + '=')) || '').slice(f.length + 1);
const pairs = (text) => (text ? text.split(',').map((p) => p.split('=')) : []);
const latest = (s) => s.revisions[s.revisions.length - 1];
const urlOf = (service, tag) => 'https://' + tag + '---' + service + '-abc123-uc.a.run.app';
if (name === 'gcloud' && args[0] === 'run' && args[2] === 'describe') {
  const s = state.services[args[3]];
  if (!s) refuse('(gcloud.run.services.describe) Cannot find service [' + args[3] + ']');
  const rows = s.traffic.map((t) => ({ revisionName: t.latest ? latest(s) : t.revision, percent: t.percent, latestRevision: !!t.latest }));
  for (const [tag, revisionName] of Object.entries(s.tags)) rows.push({ revisionName, tag, url: urlOf(args[3], tag) });
  process.stdout.write(JSON.stringify({ status: { latestCreatedRevisionName: latest(s), latestReadyRevisionName: latest(s), traffic: rows } }));
} else if (name === 'gcloud' && args[0] === 'run' && args[2] === 'update-traffic') {
  const s = state.services[args[3]];
  const named = pairs(flag('--to-revisions')).map(([revision, n]) => ({ revision, percent: Number(n) }));
  for (const { revision } of named) if (!s.revisions.includes(revision)) refuse('Revision [' + revision + '] not found.');
  for (const [, revision] of pairs(flag('--update-tags'))) if (!s.revisions.includes(revision)) refuse('Revision [' + revision + '] not found.');
  if (named.length > 0) {
    const total = named.reduce((a, t) => a + t.percent, 0);
    if (total > 100) refuse('The sum of traffic percentages must be at most 100.');
    const rest = s.traffic.filter((t) => !named.some((n) => !t.latest && n.revision === t.revision));
    const restSum = rest.reduce((a, t) => a + t.percent, 0);
    if (total < 100 && restSum === 0) refuse('Traffic must add up to 100: no other revision takes traffic to scale.');
    const scaled = rest.map((t) => ({ ...t, percent: Math.round(((100 - total) * t.percent) / restSum) })).filter((t) => t.percent > 0);
    s.traffic = [...named, ...scaled];
  }
  for (const [tag, revision] of pairs(flag('--update-tags'))) s.tags[tag] = revision;
  for (const tag of flag('--remove-tags').split(',').filter(Boolean)) delete s.tags[tag];
  save();
} else if (name === 'gcloud' && args[0] === 'logging') {
  const revision = /revision_name="([^"]+)"/.exec(args[2])[1];
  process.stdout.write(state.statuses[revision] || '');
} else if (name === 'gcloud' && args[0] === 'secrets') {
  const secret = flag('--secret');
  if (state.secrets[secret] === undefined) refuse('NOT_FOUND: Secret [' + secret + '] not found or has no versions.');
  process.stdout.write(state.secrets[secret]);
} else if (name === 'curl') {
  const url = args[args.length - 1];
  const found = Object.entries(state.services).find(([n, s]) => Object.keys(s.tags).some((t) => url.startsWith(urlOf(n, t) + '/')));
  if (!found || state.unreachable) { process.stderr.write('curl: (7) Failed to connect\\n'); process.exit(7); }
  const [service, s] = found;
  const revision = s.tags[Object.keys(s.tags).find((t) => url.startsWith(urlOf(service, t) + '/'))];
  const headers = {};
  args.forEach((a, i) => { if (args[i - 1] === '--header') headers[a.slice(0, a.indexOf(':')).toLowerCase()] = a.slice(a.indexOf(':') + 2); });
  const body = args[args.indexOf('--data-binary') + 1];
  let status = 200;
  if (url.endsWith('/webhooks/stripe')) {
    const secret = (state.revisionSecrets || {})[revision] || state.secrets['stripe-webhook-secret'];
    const m = /^t=(\\d+),v1=([0-9a-f]{64})$/.exec(headers['stripe-signature'] || '');
    status = m && createHmac('sha256', secret).update(m[1] + '.' + body).digest('hex') === m[2] ? 200 : 401;
  } else if (url.endsWith('/webhooks/twitch')) {
    const secret = (state.revisionSecrets || {})[revision] || state.secrets['twitch-eventsub-secret'];
    const signed = headers['twitch-eventsub-message-id'] + headers['twitch-eventsub-message-timestamp'] + body;
    status = headers['twitch-eventsub-message-signature'] === 'sha256=' + createHmac('sha256', secret).update(signed).digest('hex') ? 204 : 401;
  }
  state.statuses[revision] = (state.statuses[revision] || '') + status + '\\n';
  save();
  process.stdout.write(String(status));
} else if (name === 'terraform' && args.includes('show')) {
  process.stdout.write(JSON.stringify(state.plan));
} else if (name === 'terraform' && args.includes('apply')) {
  for (const [service, revision] of Object.entries(state.release)) {
    const s = state.services[service];
    s.revisions.push(revision);
    if (state.applyMovesTraffic) s.traffic = [{ latest: true, percent: 100 }];
  }
  save();
} else if (name === 'npm' && args.includes('probe')) {
  const url = args[args.indexOf('--url') + 1];
  const [service, s] = Object.entries(state.services).find(([n, s]) => Object.keys(s.tags).some((t) => url === urlOf(n, t)));
  const tag = Object.keys(s.tags).find((t) => url === urlOf(service, t));
  state.statuses[s.tags[tag]] = (state.statuses[s.tags[tag]] || '') + '200\\n200\\n';
  save();
}
`;

interface Service {
  revisions: string[];
  traffic: Array<{ revision?: string; percent: number; latest?: boolean }>;
  tags: Record<string, string>;
}
interface State {
  services: Record<string, Service>;
  release: Record<string, string>;
  statuses: Record<string, string>;
  plan: unknown;
  applyMovesTraffic?: boolean;
  /** Secret Manager: secret id → its latest version. */
  secrets: Record<string, string>;
  /** The secret a revision holds when it is not Secret Manager's latest (a canary deployed with a wrong one). */
  revisionSecrets?: Record<string, string>;
  /** No delivery reaches a canary (curl cannot connect). */
  unreachable?: boolean;
}

const standInDir = useCommandStandIns('c500-deploy-gate-', standIn);

/** A deployment after one good promotion: each function serves -00002-good, which replaced -00001-older. */
function deployed(overrides: Partial<State> = {}): State {
  const service = (name: string): Service => ({
    revisions: [`${name}-00001-older`, `${name}-00002-good`],
    traffic: [{ revision: `${name}-00002-good`, percent: 100 }],
    tags: { stable: `${name}-00002-good`, previous: `${name}-00001-older` },
  });
  return {
    services: { 'discord-interactions': service('discord-interactions'), 'stripe-webhook': service('stripe-webhook') },
    release: { 'discord-interactions': 'discord-interactions-00003-new', 'stripe-webhook': 'stripe-webhook-00003-new' },
    statuses: { 'stripe-webhook-00002-good': '200\n'.repeat(90), 'stripe-webhook-00003-new': '200\n'.repeat(25) },
    plan: { resource_changes: [functionUpdate('discordInteractions'), functionUpdate('stripeWebhook')] },
    secrets: { 'stripe-webhook-secret': 'whsec_the_endpoint_secret' },
    ...overrides,
  };
}

function run(state: State, ...args: string[]) {
  const dir = standInDir();
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
  writeFileSync(join(dir, 'calls.log'), ''); // each run's own calls, when a test runs several
  const result = runDeployScript(dir, [...args, '--project', 'c500-prod', '--region', 'us-central1']);
  const after = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as State;
  return { ...result, after, calls: result.calls.map((call) => JSON.stringify(call)) };
}
const only = ['--only', 'discordInteractions,stripeWebhook'];
const deployArgs = [...only, '--soak-seconds', '0'];

/** Who serves a service, as the stand-in's state says: revision → percent (a row following the latest resolved). */
function serving(state: State, service: string): Record<string, number> {
  const s = state.services[service];
  return Object.fromEntries(s.traffic.map((t) => [t.latest ? s.revisions[s.revisions.length - 1] : (t.revision as string), t.percent]));
}

describe('npm run deploy against a stateful gcloud and terraform', () => {
  it('promotes each canary judged over enough requests, and tags it stable with the one it replaced as previous', () => {
    const r = run(deployed(), ...deployArgs);

    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(serving(r.after, 'discord-interactions')).toEqual({ 'discord-interactions-00003-new': 100 });
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00003-new': 100 });
    expect(r.after.services['stripe-webhook'].tags).toEqual({ stable: 'stripe-webhook-00003-new', previous: 'stripe-webhook-00002-good' });
    // The probe ran through discord-interactions' tag enough times for the gate's 20 requests.
    expect(r.stdout).toContain('synthetic: discord-interactions canary: 10 probe runs (20 requests), 0 failed');
  });

  it('stops before any promotion when the apply moved traffic to the new revisions, and puts each back on its pinned one', () => {
    const r = run(deployed({ applyMovesTraffic: true }), ...deployArgs);

    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the apply moved traffic off the pinned revisions of discord-interactions');
    expect(r.stdout).toContain('gate pins: MOVED');
    expect(r.calls.filter((c) => c.includes('--update-tags=canary') || c.includes('probe') || /=10"/.test(c))).toEqual([]);
    expect(serving(r.after, 'discord-interactions')).toEqual({ 'discord-interactions-00002-good': 100 });
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
    expect(r.after.services['stripe-webhook'].tags.previous).toBe('stripe-webhook-00001-older');
  });

  it('GIVEN a canary no request reaches, its synthetic deliveries included WHEN the bounded rounds run out THEN it is not promoted and all traffic is put back', () => {
    const statuses = { 'stripe-webhook-00002-good': '200\n'.repeat(90) };
    const r = run(deployed({ statuses, unreachable: true }), ...deployArgs);

    expect(r.status).toBe(1);
    // Each round sends what the canary still lacks of the gate's 20, and reads its count again; five rounds, then it stops.
    expect(r.calls.filter((c) => c.startsWith('["curl"'))).toHaveLength(5 * 20);
    expect(r.stdout).toContain('synthetic: stripe-webhook canary: round 5: 20 × a Stripe balance.available event');
    expect(r.stdout).not.toContain('round 6');
    expect(r.stdout).toContain('gate requests: stripe-webhook-00003-new: 0 of 0 requests answered non-2xx');
    expect(r.stdout).toContain('NOT JUDGED');
    expect(r.stderr).toContain('a canary was not judged');
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
    expect(serving(r.after, 'discord-interactions')).toEqual({ 'discord-interactions-00002-good': 100 });
    expect(r.after.services['stripe-webhook'].tags.canary).toBeUndefined();
  });

  it('rolls back a canary answering 401 to every signed delivery while its serving revision answers 200', () => {
    const statuses = { 'stripe-webhook-00002-good': '200\n'.repeat(90), 'stripe-webhook-00003-new': '401\n'.repeat(25) };
    const r = run(deployed({ statuses, revisionSecrets: { 'stripe-webhook-00003-new': 'whsec_a_wrong_one' } }), ...deployArgs);

    expect(r.status).toBe(1);
    // 25 real deliveries refused, and the one synthetic delivery sent (the gate's 20 were already there).
    expect(r.stdout).toContain('stripe-webhook-00003-new: 26 of 26 requests answered non-2xx (100.0 %; the serving revision: 0 of 90, 0.0 %): FAIL');
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
  });

  it('GIVEN a quiet hour (no real request reaches the changed Stripe webhook) THEN signed synthetic deliveries through its canary tag judge it and it is promoted', () => {
    const statuses = { 'stripe-webhook-00002-good': '' };
    const r = run(deployed({ statuses }), ...deployArgs);

    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.calls).toContainEqual(
      JSON.stringify(['gcloud', 'secrets', 'versions', 'access', 'latest', '--secret=stripe-webhook-secret', '--project', 'c500-prod']),
    );
    const deliveries = r.calls.filter((c) => c.startsWith('["curl"'));
    expect(deliveries).toHaveLength(20);
    for (const d of deliveries) expect(d).toContain('"https://canary---stripe-webhook-abc123-uc.a.run.app/webhooks/stripe"');
    expect(r.stdout).toContain(
      'synthetic: stripe-webhook canary: round 1: 20 × a Stripe balance.available event (a type the ingress ignores): 20 answered 2xx, 0 not; 20 requests to judge (gate: 20)',
    );
    expect(r.stdout).toContain('gate requests: stripe-webhook-00003-new: 0 of 20 requests answered non-2xx');
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00003-new': 100 });
  });

  it('GIVEN a canary holding a wrong Stripe webhook secret WHEN the signed deliveries reach it and it answers each 401 THEN it is rolled back and tagged rolled-back', () => {
    const r = run(
      deployed({ statuses: { 'stripe-webhook-00002-good': '' }, revisionSecrets: { 'stripe-webhook-00003-new': 'whsec_a_wrong_one' } }),
      ...deployArgs,
    );

    expect(r.status).toBe(1);
    expect(r.stdout).toContain(': 0 answered 2xx, 20 not; 20 requests to judge');
    expect(r.stdout).toContain('stripe-webhook-00003-new: 20 of 20 requests answered non-2xx (100.0 %; the serving revision: 0 of 0, 0.0 %): FAIL');
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
    expect(r.after.services['stripe-webhook'].tags['rolled-back']).toBe('stripe-webhook-00003-new');
  });

  it('GIVEN --dry-run THEN it prints the secret read and a signed delivery through each signed ingress’s canary tag, its signature a placeholder, and runs nothing', () => {
    const r = run(deployed(), '--dry-run', ...only);

    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
    expect(r.stdout).toContain('gcloud secrets versions access latest --secret=stripe-webhook-secret --project c500-prod');
    expect(r.stdout).toMatch(
      /curl --silent .*--header 'stripe-signature: <signed as the sender signs, with stripe-webhook-secret>' --data-binary '\{"id":"evt_c500_deploy_synthetic_[0-9a-f]+".*"type":"balance.available".*' '<canary tag URL of stripe-webhook>\/webhooks\/stripe'/,
    );
    expect(r.stdout).toContain('at most 5 rounds');
    expect(r.stdout).not.toContain('whsec_the_endpoint_secret');
  });

  it('GIVEN a quiet hour and a changed Twitch webhook THEN deliveries signed with the EventSub secret judge it (promoted); WHEN its canary holds a wrong secret THEN it is rolled back', () => {
    const twitchOnly = (revisionSecrets: Record<string, string> = {}) =>
      deployed({
        services: {
          'twitch-webhook': {
            revisions: ['twitch-webhook-00001-older', 'twitch-webhook-00002-good'],
            traffic: [{ revision: 'twitch-webhook-00002-good', percent: 100 }],
            tags: { stable: 'twitch-webhook-00002-good', previous: 'twitch-webhook-00001-older' },
          },
        },
        release: { 'twitch-webhook': 'twitch-webhook-00003-new' },
        statuses: {},
        plan: { resource_changes: [functionUpdate('twitchWebhook')] },
        secrets: { 'twitch-eventsub-secret': 'eventsub-secret-of-the-deploy-test' },
        revisionSecrets,
      });
    const args = ['--only', 'twitchWebhook', '--soak-seconds', '0'];

    const good = run(twitchOnly(), ...args);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('synthetic: twitch-webhook canary: round 1: 20 × a Twitch chat message that is not a !bid');
    expect(good.stdout).toContain(': 20 answered 2xx, 0 not; 20 requests to judge (gate: 20)');
    expect(serving(good.after, 'twitch-webhook')).toEqual({ 'twitch-webhook-00003-new': 100 });

    const bad = run(twitchOnly({ 'twitch-webhook-00003-new': 'a-wrong-eventsub-secret' }), ...args);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('twitch-webhook-00003-new: 20 of 20 requests answered non-2xx');
    expect(serving(bad.after, 'twitch-webhook')).toEqual({ 'twitch-webhook-00002-good': 100 });
    expect(bad.after.services['twitch-webhook'].tags['rolled-back']).toBe('twitch-webhook-00003-new');
  });

  it('passes a canary whose non-2xx share is the serving revision’s own (a stranger’s unsigned POSTs reach both)', () => {
    const statuses = {
      'stripe-webhook-00002-good': '200\n'.repeat(80) + '401\n'.repeat(20),
      'stripe-webhook-00003-new': '200\n'.repeat(16) + '401\n'.repeat(4),
    };
    const r = run(deployed({ statuses }), ...deployArgs);

    expect(r.status).toBe(0);
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00003-new': 100 });
  });
});

describe('npm run deploy -- rollback against a stateful gcloud', () => {
  it('after a deploy the apply moved, returns each function to its last good revision', () => {
    const moved = deployed();
    for (const [service, revision] of Object.entries(moved.release)) {
      moved.services[service].revisions.push(revision);
      moved.services[service].traffic = [{ latest: true, percent: 100 }];
    }
    const r = run(moved, 'rollback', ...only);

    expect(r.status).toBe(0);
    expect(serving(r.after, 'discord-interactions')).toEqual({ 'discord-interactions-00002-good': 100 });
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
  });

  it('GIVEN a deploy whose gate put traffic back WHEN rollback runs THEN each function stays on the last revision promoted, not the one before it', () => {
    const statuses = { 'stripe-webhook-00002-good': '200\n'.repeat(90), 'stripe-webhook-00003-new': '401\n'.repeat(25) };
    const failed = run(deployed({ statuses }), ...deployArgs);
    expect(failed.status).toBe(1);

    const r = run(failed.after, 'rollback', ...only);
    expect(r.status).toBe(0);
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
    expect(serving(r.after, 'discord-interactions')).toEqual({ 'discord-interactions-00002-good': 100 });
    expect(r.stdout).toContain('stripe-webhook: already on its last good revision stripe-webhook-00002-good, the last promoted');
    expect(r.stdout).toContain('npm run deploy -- rollback --to stripe-webhook-00001-older');
    expect(r.after.services['stripe-webhook'].tags.stable).toBe('stripe-webhook-00002-good');
  });

  it('GIVEN a deploy whose gate refused a canary that answered worse THEN that canary is tagged rolled-back and the next deploy with nothing changed leaves it at 0 %', () => {
    const statuses = { 'stripe-webhook-00002-good': '200\n'.repeat(90), 'stripe-webhook-00003-new': '401\n'.repeat(25) };
    const failed = run(deployed({ statuses }), ...deployArgs);
    expect(failed.after.services['stripe-webhook'].tags['rolled-back']).toBe('stripe-webhook-00003-new');
    // The discord canary was put back beside it, but nothing judged it bad.
    expect(failed.after.services['discord-interactions'].tags['rolled-back']).toBeUndefined();

    const again = run(
      { ...failed.after, release: {}, plan: { resource_changes: [] }, statuses: { ...statuses, 'stripe-webhook-00003-new': '200\n'.repeat(25) } },
      ...deployArgs,
    );
    expect(again.status).toBe(0);
    expect(serving(again.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
    expect(again.stdout).toContain('stripe-webhook: its latest revision stripe-webhook-00003-new was rolled back');
    expect(serving(again.after, 'discord-interactions')).toEqual({ 'discord-interactions-00003-new': 100 });
  });

  it('GIVEN a bad revision promoted (its fault shows no non-2xx) and rolled back WHEN the next deploy changes nothing THEN the bad revision stays at 0 %', () => {
    const promoted = run(deployed(), ...deployArgs);
    expect(serving(promoted.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00003-new': 100 });

    const back = run(promoted.after, 'rollback', ...only);
    expect(back.status).toBe(0);
    expect(serving(back.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
    expect(back.after.services['stripe-webhook'].tags).toEqual({ stable: 'stripe-webhook-00002-good', 'rolled-back': 'stripe-webhook-00003-new' });

    const r = run({ ...back.after, release: {}, plan: { resource_changes: [] } }, ...deployArgs);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
    expect(serving(r.after, 'discord-interactions')).toEqual({ 'discord-interactions-00002-good': 100 });
    expect(r.calls.filter((c) => c.includes('--update-tags=canary') || c.includes('probe'))).toEqual([]);
    expect(r.stdout).toContain('no function has a new revision: nothing to move');

    // A second rollback does not go further back on its own: the last good revision serves.
    const twice = run(back.after, 'rollback', ...only);
    expect(serving(twice.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
  });

  it('after a deploy stopped at 10 %, returns the split function to its stable revision', () => {
    const split = deployed();
    split.services['stripe-webhook'].revisions.push('stripe-webhook-00003-new');
    split.services['stripe-webhook'].traffic = [
      { revision: 'stripe-webhook-00003-new', percent: 10 },
      { revision: 'stripe-webhook-00002-good', percent: 90 },
    ];
    split.services['stripe-webhook'].tags.canary = 'stripe-webhook-00003-new';
    const r = run(split, 'rollback', '--only', 'stripeWebhook');

    expect(r.status).toBe(0);
    expect(serving(r.after, 'stripe-webhook')).toEqual({ 'stripe-webhook-00002-good': 100 });
    expect(r.after.services['stripe-webhook'].tags.canary).toBeUndefined();
  });
});
