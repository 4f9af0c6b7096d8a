/**
 * `npm run deploy -- [--dry-run] [--project P] [--region R] [--only fn1,fn2] [--soak-seconds N] [--max-error-percent X] [--min-requests N]`
 * `npm run deploy -- rollback [--to <revision>] [--only fn1,fn2] [--project P] [--region R] [--dry-run]`
 *
 * A deploy that fails closed and can be undone (docs/operations/deploying.md): each function
 * pinned to its serving revision, the pins checked after terraform's apply, each new revision
 * tagged `canary`, smoke-tested through its tag, given 10 % and synthetic traffic (the probe; signed
 * deliveries to the Stripe, Twitch and carrier webhooks, read with `gcloud secrets`), and 100 % only
 * when at least --min-requests were judged and its non-2xx share is not above the serving
 * revision's by more than --max-error-percent points; `rollback` returns every function to its
 * last good revision. `--dry-run` prints every command and runs none. PROJECT and REGION in the
 * environment stand for --project and --region; C500_PROBE_COMMAND replaces `npm run -s probe --`.
 * A deploy of a function the probe smoke-tests needs DISCORD_BOT_TOKEN: the probe then holds the
 * canary's Discord public key against the application's (a wrong key refuses every interaction).
 * Exit 1: a gate stopped the deploy (it says what it saw); exit 2: a command or the usage failed.
 */
import { join } from 'node:path';
import { deployedName, functionRegistry, type FunctionEntry } from '../shared/registry';
import { deliverySourceOf, deploy, maxDeliveryRounds, rollback, smokeTested, syntheticRounds } from './deploy/canary';
import { secretId } from './deploy/deliveries';
import * as cmd from './deploy/commands';
import { GateFailed, realShell } from './deploy/shell';

export interface DeployArgs {
  command: 'deploy' | 'rollback';
  dryRun: boolean;
  project?: string;
  region?: string;
  only?: FunctionEntry[];
  soakSeconds: number;
  maxErrorPercent: number;
  minRequests: number;
  to?: string;
}

class UsageError extends Error {}

const flagsWithValues = ['--project', '--region', '--only', '--soak-seconds', '--max-error-percent', '--min-requests', '--to'] as const;

function functionsNamed(list: string): FunctionEntry[] {
  return list.split(',').map((name) => {
    const entry = functionRegistry.find((f) => f.name === name.trim() || deployedName(f) === name.trim());
    if (!entry)
      throw new UsageError(`--only: no function ${name} in shared/registry.ts (registry or deployed names, e.g. discordInteractions or discord-interactions)`);
    return entry;
  });
}

function numberOf(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${flag} takes a number of 0 or more (got ${text})`);
  return value;
}

export function parseDeployArgs(argv: readonly string[], env: NodeJS.ProcessEnv): DeployArgs {
  const args: DeployArgs = {
    command: 'deploy',
    dryRun: false,
    project: env.PROJECT || undefined,
    region: env.REGION || undefined,
    soakSeconds: 600,
    maxErrorPercent: 1,
    minRequests: 20,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === 'rollback' && i === 0) args.command = 'rollback';
    else if (arg === '--dry-run') args.dryRun = true;
    else if ((flagsWithValues as readonly string[]).includes(arg)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      if (arg === '--project') args.project = value;
      if (arg === '--region') args.region = value;
      if (arg === '--only') args.only = functionsNamed(value);
      if (arg === '--soak-seconds') args.soakSeconds = numberOf(arg, value);
      if (arg === '--max-error-percent') args.maxErrorPercent = numberOf(arg, value);
      if (arg === '--min-requests') args.minRequests = numberOf(arg, value);
      if (arg === '--to') args.to = value;
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  if (args.to !== undefined && args.command !== 'rollback') throw new UsageError('--to is for rollback');
  return args;
}

/** A revision's service: Cloud Run names revisions `<service>-<5 digits>-<suffix>`. */
export function serviceOfRevision(revision: string): string {
  const service = revision.replace(/-\d{5}-[a-z0-9]+$/, '');
  if (service === revision || !functionRegistry.some((f) => deployedName(f) === service)) {
    throw new UsageError(`--to ${revision} is not a revision of a function of this project (<service>-00012-abc)`);
  }
  return service;
}

/** Every step's commands with the values a run would read put as <placeholders>; nothing runs. */
function printDryRun(a: DeployArgs, target: cmd.Target, functions: readonly FunctionEntry[], probeCommand: string | undefined): void {
  const out = (c: cmd.Command) => console.log(`  ${cmd.shown(c)}`);
  const each = (f: (service: string) => cmd.Command) => functions.forEach((e) => out(f(deployedName(e))));
  console.log(`dry run: nothing is run. project ${target.project}, region ${target.region}, ${functions.length} functions`);
  if (a.command === 'rollback') {
    if (a.to) out(cmd.updateTraffic(serviceOfRevision(a.to), target, { to: { [a.to]: 100 }, tag: { [cmd.stableTag]: a.to } }));
    else {
      console.log(`a function serving anything but its \`${cmd.stableTag}\` revision (a deploy stopped) goes back to it:`);
      each((s) => cmd.updateTraffic(s, target, { to: { [`<${cmd.stableTag} tag of ${s}>`]: 100 }, untag: [cmd.canaryTag] }));
      console.log(`one on its \`${cmd.stableTag}\` revision with a newer one never promoted (a deploy whose gate put traffic back) stays: nothing runs`);
      console.log(
        `otherwise, back to the \`${cmd.previousTag}\` revision (undoing the last promotion), the undone one tagged \`${cmd.rolledBackTag}\` (no deploy canaries it again):`,
      );
      each((s) =>
        cmd.updateTraffic(s, target, {
          to: { [`<${cmd.previousTag} tag of ${s}>`]: 100 },
          tag: { [cmd.stableTag]: `<${cmd.previousTag} tag of ${s}>`, [cmd.rolledBackTag]: `<serving revision of ${s}>` },
          untag: [cmd.previousTag],
        }),
      );
    }
    return;
  }
  const plan = 'dist/deploy.tfplan';
  console.log('1. build the bundles');
  out(cmd.buildBundles());
  console.log(`2. pin each function to the revision serving it (read with describe), tagged \`${cmd.stableTag}\`, clearing a \`${cmd.canaryTag}\` tag`);
  for (const s of functions.map(deployedName)) {
    out(cmd.describeService(s, target));
    out(
      cmd.updateTraffic(s, target, {
        to: { [`<serving revision of ${s}>`]: 100 },
        tag: { [cmd.stableTag]: `<serving revision of ${s}>` },
        untag: [cmd.canaryTag],
      }),
    );
  }
  console.log('3. terraform makes the new revisions; gate: the plan deletes nothing and keeps all_traffic_on_latest_revision false');
  [
    cmd.terraformPlan(
      plan,
      target,
      a.only?.map((f) => f.name),
    ),
    cmd.terraformShow(plan),
    cmd.terraformApply(plan),
  ].forEach(out);
  console.log(
    `4. gate: every pinned function still serves its pinned revision (one the apply moved is put back, and the deploy stops); find each new revision (latest ready, not serving, not tagged \`${cmd.rolledBackTag}\`)`,
  );
  each((s) => cmd.describeService(s, target));
  console.log(
    `5. tag each new revision \`${cmd.canaryTag}\`; gate: the probe passes against the tag URL (${[...smokeTested].join(', ')}), its Discord key check included (DISCORD_BOT_TOKEN must be set)`,
  );
  each((s) => cmd.updateTraffic(s, target, { tag: { [cmd.canaryTag]: `<new revision of ${s}>` } }));
  out(cmd.probe('<canary tag URL of discord-interactions>', probeCommand));
  console.log('6. move 10 % to each new revision');
  each((s) => cmd.updateTraffic(s, target, { to: { [`<new revision of ${s}>`]: 10 } }));
  console.log(
    `7. synthetic traffic: the probe ${syntheticRounds(a.minRequests)} times through each probed canary's tag URL, signed deliveries to each signed ingress's; soak ${a.soakSeconds} s`,
  );
  out(cmd.probe('<canary tag URL of discord-interactions>', probeCommand));
  printSyntheticDeliveries(a, target, functions);
  console.log(
    `8. gate: at least ${a.minRequests} requests reached each new revision since step 6, and its non-2xx share (401 and 403 included) is at most ${a.maxErrorPercent} points above its serving revision's; else every function back to 100 % on its serving revision, a worse one tagged \`${cmd.rolledBackTag}\``,
  );
  each((s) => cmd.requestStatuses(s, `<new revision of ${s}>`, '<time of step 6>', target, 10_000));
  each((s) => cmd.requestStatuses(s, `<serving revision of ${s}>`, '<time of step 6>', target, 10_000));
  console.log(`9. move all traffic to each new revision, tagged \`${cmd.stableTag}\`; the one it replaces tagged \`${cmd.previousTag}\``);
  each((s) =>
    cmd.updateTraffic(s, target, {
      to: { [`<new revision of ${s}>`]: 100 },
      tag: { [cmd.stableTag]: `<new revision of ${s}>`, [cmd.previousTag]: `<serving revision of ${s}>` },
      untag: [cmd.canaryTag],
    }),
  );
  console.log('undo: npm run deploy -- rollback');
}

/**
 * Step 7's signed deliveries to each signed ingress's canary, one of each shown as it is sent,
 * its signature a placeholder (a run signs with the secret it reads, and prints no secret).
 */
function printSyntheticDeliveries(a: DeployArgs, target: cmd.Target, functions: readonly FunctionEntry[]): void {
  for (const entry of functions) {
    const source = deliverySourceOf(entry);
    if (!source || entry.kind !== 'http') continue;
    const service = deployedName(entry);
    const secret = secretId(source.secret);
    console.log(
      `   ${service}: signed deliveries, ${source.kind}, through its canary tag URL: in rounds of what the canary still lacks of ${a.minRequests} judged requests, at most ${maxDeliveryRounds} rounds, its request count read again after each`,
    );
    console.log(`  ${cmd.shown(cmd.readSecret(secret, target))}`);
    const delivery = source.sign('<secret>', new Date());
    const headers = { ...delivery.headers, [source.signatureHeader]: `<signed as the sender signs, with ${secret}>` };
    console.log(`  ${cmd.shown(cmd.postDelivery(`<canary tag URL of ${service}>${entry.route}`, { headers, body: delivery.body }))}`);
    console.log(`  ${cmd.shown(cmd.requestStatuses(service, `<new revision of ${service}>`, '<time of step 6>', target, 10_000))}`);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const a = parseDeployArgs(argv, process.env);
  const functions = a.only ?? functionRegistry;
  const probeCommand = process.env.C500_PROBE_COMMAND;
  if (a.dryRun) return printDryRun(a, { project: a.project ?? '<project>', region: a.region ?? '<region>' }, functions, probeCommand);
  if (!a.project || !a.region) throw new UsageError('name the project and region: --project P --region R (or PROJECT and REGION in the environment)');
  if (a.command === 'deploy' && !process.env.DISCORD_BOT_TOKEN) {
    const probed = functions.filter((f) => smokeTested.has(f.name)).map(deployedName);
    if (probed.length > 0) {
      throw new Error(
        `set DISCORD_BOT_TOKEN before deploying ${probed.join(', ')}: the smoke test checks the canary's Discord public key against the application's with it ` +
          '(gcloud secrets versions access latest --secret discord-bot-token --project $PROJECT). Nothing was run.',
      );
    }
  }
  const target = { project: a.project, region: a.region };
  const sh = realShell();
  if (a.command === 'rollback') return rollback(sh, target, functions, a.to ? { service: serviceOfRevision(a.to), revision: a.to } : undefined);
  const planFile = join(process.cwd(), 'dist', 'deploy.tfplan');
  await deploy(sh, {
    target,
    functions,
    only: a.only !== undefined,
    soakSeconds: a.soakSeconds,
    maxErrorPercent: a.maxErrorPercent,
    minRequests: a.minRequests,
    planFile,
    probeCommand,
    now: () => new Date(),
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError)
      console.error(
        'usage: npm run deploy -- [--dry-run] [--project P] [--region R] [--only fn1,fn2] [--soak-seconds N] [--max-error-percent X] [--min-requests N] | rollback [--to <revision>]',
      );
    process.exit(error instanceof GateFailed ? 1 : 2);
  });
}
