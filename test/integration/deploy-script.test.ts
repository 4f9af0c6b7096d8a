/**
 * `npm run deploy` run as a person runs it, against recording stand-ins of `gcloud`,
 * `terraform` and `npm` put first on the PATH: each appends its argv to a log and answers from
 * a scenario (a service's traffic before and after the apply, a plan, a revision's request
 * statuses, the probe's exit). The tests read the log: which commands ran, in which order.
 * The soak is `--soak-seconds 0`; nothing here waits on a clock.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionUpdate, runDeployScript, useCommandStandIns } from '../support/deploy-stand-ins';

/** The stand-in: one Node file behind three names. */
const standIn = `
const { appendFileSync, existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const [name, ...args] = process.argv.slice(2);
const dir = process.env.STAND_IN_DIR;
appendFileSync(join(dir, 'calls.log'), JSON.stringify([name, ...args]) + '\\n');
const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
const applied = existsSync(join(dir, 'applied'));
const has = (...words) => words.every((w) => args.includes(w));
if (name === 'gcloud' && has('run', 'services', 'describe')) {
  const service = (applied ? scenario.after : scenario.before)[args[3]];
  if (scenario.describeError) { process.stderr.write(scenario.describeError + '\\n'); process.exit(1); }
  if (!service) { process.stderr.write('ERROR: (gcloud.run.services.describe) Cannot find service [' + args[3] + ']\\n'); process.exit(1); }
  process.stdout.write(JSON.stringify(service));
} else if (name === 'gcloud' && has('logging', 'read')) {
  const revision = /revision_name="([^"]+)"/.exec(args[2])[1];
  process.stdout.write(scenario.statuses[revision] ?? '');
} else if (name === 'terraform' && has('show')) {
  process.stdout.write(JSON.stringify(scenario.plan));
} else if (name === 'terraform' && has('apply')) {
  writeFileSync(join(dir, 'applied'), '');
} else if (name === 'npm' && has('probe')) {
  process.exit(scenario.probeStatus);
}
`;

interface Scenario {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  plan: unknown;
  statuses: Record<string, string>;
  probeStatus: number;
  describeError?: string;
}

const standInDir = useCommandStandIns('c500-deploy-', standIn);

/** A service as `gcloud run services describe --format=json` shows it: who takes traffic, and the tags with their URLs. */
function service(name: string, latest: string, traffic: Record<string, number>, tags: Record<string, string> = {}, followsLatest = false) {
  const rows = [
    ...Object.entries(traffic).map(([revisionName, percent]) => ({ revisionName, percent, latestRevision: followsLatest && revisionName === latest })),
    ...Object.entries(tags).map(([tag, revisionName]) => ({ revisionName, tag, url: `https://${tag}---${name}-abc123-uc.a.run.app` })),
  ];
  return { status: { latestCreatedRevisionName: latest, latestReadyRevisionName: latest, traffic: rows } };
}

/** discord-interactions has a new revision (…-00002-new); auction-bids has none. */
function releaseOfOneFunction(overrides: Partial<Scenario> = {}): Scenario {
  return {
    // discord-interactions follows its latest revision (as terraform's first apply leaves it); auction-bids is pinned already.
    before: {
      'discord-interactions': service('discord-interactions', 'discord-interactions-00001-old', { 'discord-interactions-00001-old': 100 }, {}, true),
      'auction-bids': service('auction-bids', 'auction-bids-00007-abc', { 'auction-bids-00007-abc': 100 }, { stable: 'auction-bids-00007-abc' }),
    },
    after: {
      'discord-interactions': service(
        'discord-interactions',
        'discord-interactions-00002-new',
        { 'discord-interactions-00001-old': 100 },
        { canary: 'discord-interactions-00002-new' },
      ),
      'auction-bids': service('auction-bids', 'auction-bids-00007-abc', { 'auction-bids-00007-abc': 100 }),
    },
    plan: { resource_changes: [functionUpdate('discordInteractions')] },
    statuses: { 'discord-interactions-00002-new': '200\n200\n204\n200\n'.repeat(5) },
    probeStatus: 0,
    ...overrides,
  };
}

function deploy(scenario: Scenario, ...args: string[]) {
  return deployIn({}, scenario, ...args);
}

function deployIn(env: NodeJS.ProcessEnv, scenario: Scenario, ...args: string[]) {
  const dir = standInDir();
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
  const run = runDeployScript(dir, args, env);
  return { ...run, calls: run.calls.map((call) => call.join(' ')) };
}

const where = '--region us-central1 --project c500-prod';
const options = ['--project', 'c500-prod', '--region', 'us-central1', '--soak-seconds', '0'];
const only = ['--only', 'discordInteractions,auctionBids'];
const moves = (calls: string[]) =>
  calls.filter((c) => c.includes('update-traffic') || c.includes('probe') || c.includes('logging read') || c.startsWith('terraform'));

describe('npm run deploy', () => {
  it('gives the new revision no traffic and a tag first, probes the tag, moves 10 %, sends synthetic traffic through the tag, reads both revisions’ answers, then moves 100 %', () => {
    const run = deploy(releaseOfOneFunction(), ...options, ...only);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.calls[0]).toBe('npm run build:deploy');
    const di = 'gcloud run services update-traffic discord-interactions';
    const probeRun = 'npm run -s probe -- --url https://canary---discord-interactions-abc123-uc.a.run.app';
    expect(moves(run.calls)).toEqual([
      `${di} ${where} --to-revisions=discord-interactions-00001-old=100 --update-tags=stable=discord-interactions-00001-old`,
      expect.stringMatching(
        /^terraform -chdir=terraform plan .*-var=project_id=c500-prod .*-target=google_cloudfunctions2_function.function\["discordInteractions"\]/,
      ),
      expect.stringMatching(/^terraform -chdir=terraform show -json /),
      expect.stringMatching(/^terraform -chdir=terraform apply -input=false /),
      `${di} ${where} --update-tags=canary=discord-interactions-00002-new`,
      probeRun,
      `${di} ${where} --to-revisions=discord-interactions-00002-new=10`,
      ...Array(10).fill(probeRun),
      expect.stringMatching(/^gcloud logging read .*resource.labels.revision_name="discord-interactions-00002-new".* --format=value\(httpRequest.status\)$/),
      expect.stringMatching(/^gcloud logging read .*resource.labels.revision_name="discord-interactions-00001-old".* --format=value\(httpRequest.status\)$/),
      `${di} ${where} --to-revisions=discord-interactions-00002-new=100 --update-tags=stable=discord-interactions-00002-new,previous=discord-interactions-00001-old --remove-tags=canary`,
    ]);
    expect(run.stdout).toContain(
      'gate requests: discord-interactions-00002-new: 0 of 20 requests answered non-2xx (0.0 %; the serving revision: 0 of 0, 0.0 %): pass',
    );
    expect(run.stdout).toContain('auction-bids: pinned to auction-bids-00007-abc');
    expect(run.stdout).toContain('auction-bids: unchanged (auction-bids-00007-abc)');
  });

  it('keeps the previous tag an earlier deploy left, so that rollback still undoes the last promotion, and tags the pinned revision stable', () => {
    const scenario = releaseOfOneFunction();
    scenario.before['auction-bids'] = service(
      'auction-bids',
      'auction-bids-00007-abc',
      { 'auction-bids-00007-abc': 100 },
      { previous: 'auction-bids-00006-abc' },
    );
    const run = deploy(scenario, ...options, ...only);

    expect(run.status).toBe(0);
    expect(run.calls).toContain(
      `gcloud run services update-traffic auction-bids ${where} --to-revisions=auction-bids-00007-abc=100 --update-tags=stable=auction-bids-00007-abc`,
    );
    expect(run.calls.filter((c) => c.includes('--remove-tags=previous'))).toEqual([]);
  });

  it('moves no traffic and removes the canary tag when the smoke test fails', () => {
    const run = deploy(releaseOfOneFunction({ probeStatus: 1 }), ...options, ...only);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the smoke test failed on discord-interactions');
    expect(run.stderr).toContain('no traffic was moved');
    const afterProbe = run.calls.slice(run.calls.findIndex((c) => c.includes('probe')) + 1);
    expect(afterProbe).toEqual([`gcloud run services update-traffic discord-interactions ${where} --remove-tags=canary`]);
    expect(run.calls.filter((c) => c.includes('discord-interactions-00002-new=10'))).toEqual([]);
  });

  it('puts all traffic back on the revision that served before when the canary answers too many 5xx', () => {
    const statuses = { 'discord-interactions-00002-new': '200\n500\n200\n503\n200\n200\n200\n200\n200\n500\n'.repeat(2) };
    const run = deploy(releaseOfOneFunction({ statuses }), ...options, ...only);

    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'gate requests: discord-interactions-00002-new: 6 of 20 requests answered non-2xx (30.0 %; the serving revision: 0 of 0, 0.0 %): FAIL',
    );
    expect(run.calls.at(-1)).toBe(
      `gcloud run services update-traffic discord-interactions ${where} --to-revisions=discord-interactions-00001-old=100 --update-tags=rolled-back=discord-interactions-00002-new --remove-tags=canary`,
    );
    expect(run.calls.filter((c) => c.includes('discord-interactions-00002-new=100'))).toEqual([]);
  });

  it('lets a canary through whose 5xx share is at the gate, not above it', () => {
    const statuses = { 'discord-interactions-00002-new': `${'200\n'.repeat(99)}500\n` };
    const run = deploy(releaseOfOneFunction({ statuses }), ...options, ...only);

    expect(run.stdout).toContain('1 of 100 requests answered non-2xx (1.0 %; the serving revision: 0 of 0, 0.0 %): pass');
    expect(run.calls.at(-1)).toContain('--to-revisions=discord-interactions-00002-new=100');
  });

  it('applies nothing when the plan deletes a resource, and says which', () => {
    const plan = {
      resource_changes: [
        functionUpdate('discordInteractions'),
        { address: 'google_pubsub_subscription.push["sales"]', type: 'google_pubsub_subscription', change: { actions: ['delete'] } },
      ],
    };
    const run = deploy(releaseOfOneFunction({ plan }), ...options, ...only);

    expect(run.status).toBe(1);
    expect(run.stdout).toContain('gate plan: 0 to create, 1 to update, 1 to delete');
    expect(run.stderr).toContain('the plan deletes google_pubsub_subscription.push["sales"]');
    expect(run.calls.filter((c) => c.includes('apply'))).toEqual([]);
  });

  it('applies nothing when the plan would put a new revision straight into traffic', () => {
    const run = deploy(releaseOfOneFunction({ plan: { resource_changes: [functionUpdate('discordInteractions', true)] } }), ...options, ...only);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('would send all traffic to the new revision of google_cloudfunctions2_function.function["discordInteractions"]');
    expect(run.calls.filter((c) => c.includes('apply'))).toEqual([]);
  });

  it('gives a function that takes no traffic yet (just made by terraform) its latest revision, with no canary', () => {
    const before = { 'discord-interactions': service('discord-interactions', 'discord-interactions-00001-old', {}) };
    const after = { 'discord-interactions': service('discord-interactions', 'discord-interactions-00001-old', {}) };
    const run = deploy(releaseOfOneFunction({ before, after }), ...options, '--only', 'discordInteractions');

    expect(run.status).toBe(0);
    expect(run.calls.filter((c) => c.includes('update-traffic'))).toEqual([
      `gcloud run services update-traffic discord-interactions ${where} --to-revisions=discord-interactions-00001-old=100`,
    ]);
    expect(run.stdout).toContain('no function has a new revision');
  });

  it('stops before terraform when gcloud cannot read a service for another reason than its absence', () => {
    const describeError = 'ERROR: (gcloud.run.services.describe) There was a problem refreshing your current auth tokens';
    const run = deploy(releaseOfOneFunction({ describeError }), ...options, ...only);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('refreshing your current auth tokens');
    expect(run.calls.filter((c) => c.includes('update-traffic') || c.startsWith('terraform'))).toEqual([]);
  });

  it('refuses to start over a split a stopped deploy left, and moves nothing', () => {
    const before = {
      'discord-interactions': service('discord-interactions', 'discord-interactions-00002-new', {
        'discord-interactions-00001-old': 90,
        'discord-interactions-00002-new': 10,
      }),
    };
    const run = deploy(releaseOfOneFunction({ before }), ...options, '--only', 'discordInteractions');

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('discord-interactions splits its traffic');
    expect(run.calls.filter((c) => c.includes('update-traffic') || c.startsWith('terraform'))).toEqual([]);
  });
});

describe('npm run deploy, misused', () => {
  it('refuses a function the registry does not have, and runs nothing', () => {
    const run = deploy(releaseOfOneFunction(), ...options, '--only', 'discordInteraction');

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--only: no function discordInteraction in shared/registry.ts');
    expect(run.calls).toEqual([]);
  });

  it('GIVEN no DISCORD_BOT_TOKEN WHEN the deploy includes the probed ingress THEN it runs nothing and says to set it, so the probe’s key check runs at every deploy', () => {
    const run = deployIn({ DISCORD_BOT_TOKEN: '' }, releaseOfOneFunction(), ...options, ...only);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('set DISCORD_BOT_TOKEN before deploying discord-interactions');
    expect(run.calls).toEqual([]);
  });

  it('GIVEN no DISCORD_BOT_TOKEN WHEN the deploy leaves out the probed ingress, or is a rollback THEN it runs', () => {
    const scenario = releaseOfOneFunction({ plan: { resource_changes: [] } });
    expect(deployIn({ DISCORD_BOT_TOKEN: '' }, scenario, ...options, '--only', 'auctionBids').status).toBe(0);
    expect(deployIn({ DISCORD_BOT_TOKEN: '' }, scenario, 'rollback', '--project', 'c500-prod', '--region', 'us-central1', ...only).status).toBe(0);
  });

  it('refuses to run without a project and region, and runs nothing', () => {
    const run = deploy(releaseOfOneFunction(), '--soak-seconds', '0');

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('name the project and region');
    expect(run.calls).toEqual([]);
  });
});

describe('npm run deploy -- rollback', () => {
  const afterADeploy = (): Scenario => ({
    ...releaseOfOneFunction(),
    before: {
      'discord-interactions': service(
        'discord-interactions',
        'discord-interactions-00002-new',
        { 'discord-interactions-00002-new': 100 },
        { previous: 'discord-interactions-00001-old' },
      ),
      'auction-bids': service('auction-bids', 'auction-bids-00007-abc', { 'auction-bids-00007-abc': 100 }),
    },
  });

  it('puts each function its last deploy changed back on the revision tagged previous, and leaves the others', () => {
    const run = deploy(afterADeploy(), 'rollback', '--project', 'c500-prod', '--region', 'us-central1', ...only);

    expect(run.status).toBe(0);
    expect(run.calls.filter((c) => c.includes('update-traffic'))).toEqual([
      `gcloud run services update-traffic discord-interactions ${where} --to-revisions=discord-interactions-00001-old=100 --update-tags=stable=discord-interactions-00001-old,rolled-back=discord-interactions-00002-new --remove-tags=previous`,
    ]);
    expect(run.stdout).toContain(
      'discord-interactions: all traffic back on discord-interactions-00001-old; discord-interactions-00002-new tagged `rolled-back` (no deploy canaries it again)',
    );
    expect(run.stdout).toContain('auction-bids: no `previous` revision');
  });

  it('puts one function on the revision named with --to', () => {
    const run = deploy(afterADeploy(), 'rollback', '--to', 'auction-bids-00005-xyz', '--project', 'c500-prod', '--region', 'us-central1');

    expect(run.status).toBe(0);
    expect(run.calls).toEqual([
      `gcloud run services update-traffic auction-bids ${where} --to-revisions=auction-bids-00005-xyz=100 --update-tags=stable=auction-bids-00005-xyz`,
    ]);
  });
});

describe('npm run deploy -- --dry-run', () => {
  it('prints every step and runs nothing', () => {
    const run = deploy(releaseOfOneFunction(), '--dry-run', '--project', 'c500-prod', '--region', 'us-central1');

    expect(run.status).toBe(0);
    expect(run.calls).toEqual([]);
    expect(existsSync(join(standInDir(), 'applied'))).toBe(false);
    const steps = run.stdout.split('\n').filter((l) => /^\d\. /.test(l));
    expect(steps.map((l) => l.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.']);
    expect(run.stdout).toContain("npm run -s probe -- --url '<canary tag URL of discord-interactions>'");
    expect(run.stdout).toContain("'--to-revisions=<new revision of auction-bids>=10'");
    expect(run.stdout).toContain('4. gate: every pinned function still serves its pinned revision');
    expect(run.stdout).toContain('undo: npm run deploy -- rollback');
  });

  it('prints the rollback and runs nothing', () => {
    const run = deploy(releaseOfOneFunction(), 'rollback', '--dry-run', '--only', 'discord-interactions');

    expect(run.calls).toEqual([]);
    expect(run.stdout).toContain("gcloud run services update-traffic discord-interactions --region '<region>' --project '<project>'");
  });
});
