/**
 * @module canary
 * The deploy's steps (docs/operations/deploying.md, "Every later deploy"): pin each function's
 * traffic to the revision serving it, let terraform make the new revisions (they take no
 * traffic: `all_traffic_on_latest_revision = false` keeps the pinned split), tag each new one
 * `canary`, smoke-test it through its tag, give it 10 %, soak, read its 5xx share, then give it
 * 100 % or put everything back. And `rollback`: each function back to its `previous` tag.
 */
import { deployedName, type FunctionEntry } from '../../shared/registry';
import * as cmd from './commands';
import { judgePlan, percentOf, readErrors, soleServing, trafficOf, type Traffic } from './readings';
import { GateFailed, type Shell } from './shell';

export interface DeployOptions {
  target: cmd.Target;
  functions: readonly FunctionEntry[];
  /** Set when --only named them: terraform then plans only these functions. */
  only: boolean;
  soakSeconds: number;
  maxErrorPercent: number;
  planFile: string;
  probeCommand: string | undefined;
  now: () => Date;
}

interface Canary {
  service: string;
  entry: FunctionEntry;
  previous: string;
  revision: string;
}

/** The functions the synthetic probe reaches through their own URL; the others are judged at 10 %. */
export const smokeTested: ReadonlySet<string> = new Set(['discordInteractions']);

/**
 * gcloud's words for a service that does not exist; any other failure (credentials, a wrong
 * project) stops the deploy, since a function taken for new is not pinned before the apply.
 */
const noSuchService = /Cannot find service|NOT_FOUND/;

const describe = (sh: Shell, service: string, t: cmd.Target) => {
  const json = sh.readIfPresent(cmd.describeService(service, t), noSuchService);
  return json === undefined ? undefined : trafficOf(json);
};

const presentTags = (traffic: Traffic, tags: readonly string[]) => tags.filter((tag) => traffic.tags[tag] !== undefined);

/** Step 2: every function that exists takes all its traffic from one named revision, so a new one gets none. */
function pin(sh: Shell, o: DeployOptions): Map<string, string> {
  sh.say('\n== 2. pin each function to the revision serving it (a new revision then takes no traffic)');
  const serving = new Map<string, string>();
  for (const entry of o.functions) {
    const service = deployedName(entry);
    const traffic = describe(sh, service, o.target);
    if (!traffic) {
      sh.say(`${service}: not deployed yet (terraform makes it; its first revision has nothing to be compared with)`);
      continue;
    }
    if (Object.keys(traffic.serving).length === 0) {
      sh.say(`${service}: takes no traffic yet (step 4 gives it to its latest ready revision)`);
      continue;
    }
    const sole = soleServing(traffic);
    if (!sole) {
      throw new GateFailed(
        `${service} splits its traffic (${JSON.stringify(traffic.serving)}): a deploy stopped half-way. Run \`npm run deploy -- rollback --only ${entry.name}\` or finish it by hand, then deploy again.`,
      );
    }
    serving.set(service, sole);
    // `previous` is cleared so that `rollback` undoes this deploy only; `canary` may be left by a run that stopped.
    const untag = presentTags(traffic, [cmd.canaryTag, cmd.previousTag]);
    if (traffic.followsLatest || untag.length > 0) sh.read(cmd.updateTraffic(service, o.target, { to: { [sole]: 100 }, untag }));
    else sh.say(`${service}: pinned to ${sole}`);
  }
  return serving;
}

/** Step 3: the plan is read before it is applied; it must delete nothing and put no new revision straight into traffic. */
function applyTerraform(sh: Shell, o: DeployOptions): void {
  sh.say('\n== 3. terraform: plan, check, apply');
  const names = o.only ? o.functions.map((f) => f.name) : undefined;
  if (sh.attached(cmd.terraformPlan(o.planFile, o.target, names)) !== 0) throw new Error('terraform plan failed (above)');
  const verdict = judgePlan(sh.read(cmd.terraformShow(o.planFile)));
  const { create, update, delete: deletes } = verdict.counts;
  sh.say(`gate plan: ${create} to create, ${update} to update, ${deletes} to delete`);
  if (verdict.deletes.length > 0) {
    throw new GateFailed(
      `the plan deletes ${verdict.deletes.join(', ')}: a rename loses what waits on a subscription. Review it, apply it by hand (terraform apply), then run the deploy again.`,
    );
  }
  if (verdict.straightToTraffic.length > 0) {
    throw new GateFailed(
      `the plan would send all traffic to the new revision of ${verdict.straightToTraffic.join(', ')}: all_traffic_on_latest_revision must stay false`,
    );
  }
  if (sh.attached(cmd.terraformApply(o.planFile)) !== 0)
    throw new Error('terraform apply failed (above): revisions it made take no traffic; run the deploy again');
}

/** Step 4: which functions have a new revision, ready and without traffic. */
function findCanaries(sh: Shell, o: DeployOptions, serving: Map<string, string>): Canary[] {
  sh.say('\n== 4. find the new revisions');
  const canaries: Canary[] = [];
  for (const entry of o.functions) {
    const service = deployedName(entry);
    const traffic = describe(sh, service, o.target);
    const previous = serving.get(service);
    if (!traffic?.latestReady) throw new Error(`${service} has no ready revision after the apply`);
    if (traffic.latestCreated !== traffic.latestReady) {
      throw new GateFailed(
        `${service}: its new revision ${traffic.latestCreated} is not ready (it takes no traffic). Read why: gcloud run revisions describe ${traffic.latestCreated} --region ${o.target.region}`,
      );
    }
    if (previous === undefined) {
      sh.say(`${service}: new, or serving nothing: all traffic to ${traffic.latestReady}`);
      sh.read(cmd.updateTraffic(service, o.target, { to: { [traffic.latestReady]: 100 } }));
    } else if (traffic.latestReady === previous) {
      sh.say(`${service}: unchanged (${previous})`);
    } else {
      sh.say(`${service}: new revision ${traffic.latestReady} (serving: ${previous})`);
      canaries.push({ service, entry, previous, revision: traffic.latestReady });
    }
  }
  return canaries;
}

/** Step 5: each canary gets its tag; the ones the probe reaches are probed through it. Nothing has moved yet. */
function tagAndSmoke(sh: Shell, o: DeployOptions, canaries: readonly Canary[]): void {
  sh.say('\n== 5. tag each new revision `canary` and smoke-test it through its own URL');
  for (const c of canaries) sh.read(cmd.updateTraffic(c.service, o.target, { tag: { [cmd.canaryTag]: c.revision } }));
  for (const c of canaries.filter((c) => smokeTested.has(c.entry.name))) {
    const url = describe(sh, c.service, o.target)?.tagUrls[cmd.canaryTag];
    const status = url === undefined ? undefined : sh.attached(cmd.probe(url, o.probeCommand));
    sh.say(`gate smoke: ${c.service} canary at ${url ?? '(no tag URL)'}: probe ${status === 0 ? 'passed' : `failed (${status ?? 'not run'})`}`);
    if (status !== 0) {
      for (const d of canaries) sh.read(cmd.updateTraffic(d.service, o.target, { untag: [cmd.canaryTag] }));
      throw new GateFailed(`the smoke test failed on ${c.service}'s canary ${c.revision}: no traffic was moved and the canary tags are removed`);
    }
  }
}

/** Steps 6 to 9: 10 %, soak, the 5xx gate, then 100 % or everything back. */
async function shift(sh: Shell, o: DeployOptions, canaries: readonly Canary[]): Promise<void> {
  sh.say(`\n== 6. move 10 % of traffic to each canary (the revision it replaces is tagged \`${cmd.previousTag}\`)`);
  const since = o.now().toISOString();
  for (const c of canaries) sh.read(cmd.updateTraffic(c.service, o.target, { to: { [c.revision]: 10 }, tag: { [cmd.previousTag]: c.previous } }));
  sh.say(`\n== 7. soak ${o.soakSeconds} s`);
  await sh.wait(o.soakSeconds);
  sh.say(`\n== 8. read each canary's 5xx share since ${since} (gate: at most ${o.maxErrorPercent} %)`);
  let failed = false;
  for (const c of canaries) {
    const reading = readErrors(sh.read(cmd.requestStatuses(c.service, c.revision, since, o.target, 10_000)), o.maxErrorPercent);
    const seen =
      reading.requests === 0
        ? 'no requests reached it (nothing to judge)'
        : `${reading.errors} of ${reading.requests} requests answered 5xx (${percentOf(reading)} %)`;
    sh.say(`gate errors: ${c.revision}: ${seen}: ${reading.tooMany ? 'FAIL' : 'pass'}`);
    failed ||= reading.tooMany;
  }
  if (failed) {
    sh.say('\n== rolling back: every canary of this deploy gives its traffic back');
    for (const c of canaries) sh.read(cmd.updateTraffic(c.service, o.target, { to: { [c.previous]: 100 }, untag: [cmd.canaryTag] }));
    throw new GateFailed('a canary answered too many 5xx: all traffic is back on the revisions that served before');
  }
  sh.say('\n== 9. move all traffic to each canary');
  for (const c of canaries) sh.read(cmd.updateTraffic(c.service, o.target, { to: { [c.revision]: 100 }, untag: [cmd.canaryTag] }));
}

export async function deploy(sh: Shell, o: DeployOptions): Promise<void> {
  sh.say('== 1. build the bundles');
  if (sh.attached(cmd.buildBundles()) !== 0) throw new Error('npm run build:deploy failed (above)');
  const serving = pin(sh, o);
  applyTerraform(sh, o);
  const canaries = findCanaries(sh, o, serving);
  if (canaries.length === 0) {
    sh.say('\nno function has a new revision: nothing to move');
    return;
  }
  tagAndSmoke(sh, o, canaries);
  await shift(sh, o, canaries);
  sh.say(`\ndeployed: ${canaries.map((c) => c.revision).join(', ')}. Undo with: npm run deploy -- rollback`);
}

/** Each function back to the revision tagged `previous` (the one its last deploy replaced), or one revision by name. */
export function rollback(sh: Shell, target: cmd.Target, functions: readonly FunctionEntry[], to: { service: string; revision: string } | undefined): void {
  if (to) {
    sh.read(cmd.updateTraffic(to.service, target, { to: { [to.revision]: 100 } }));
    sh.say(`${to.service}: all traffic on ${to.revision}`);
    return;
  }
  for (const entry of functions) {
    const service = deployedName(entry);
    const traffic = describe(sh, service, target);
    const previous = traffic?.tags[cmd.previousTag];
    if (!traffic || !previous) {
      sh.say(`${service}: no \`${cmd.previousTag}\` revision (its last deploy changed nothing): left as it is`);
    } else if (soleServing(traffic) === previous) {
      sh.say(`${service}: already on ${previous}`);
    } else {
      sh.read(cmd.updateTraffic(service, target, { to: { [previous]: 100 }, untag: presentTags(traffic, [cmd.canaryTag]) }));
      sh.say(`${service}: all traffic back on ${previous}`);
    }
  }
}
