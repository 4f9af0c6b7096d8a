/**
 * @module canary
 * The deploy's steps (docs/operations/deploying.md, "Every later deploy"): pin each function's
 * traffic to the revision serving it (tagged `stable`), let terraform make the new revisions,
 * check the apply left every pin where it was (Google providers before 7.32.0 never sent
 * `all_traffic_on_latest_revision = false`; the pinned one does, and the check stays: the script
 * owns traffic and trusts nothing else with it), tag each new one `canary`, smoke-test it through its tag, give
 * it 10 % and synthetic traffic through its tag (the probe for the Discord ingress; signed deliveries
 * for the Stripe, Twitch and carrier webhooks, in rounds until enough requests are judged), soak, compare its non-2xx share with the
 * serving revision's over enough requests, then give it 100 % or put everything back. A
 * revision judged bad (by the request gate, or undone by `rollback`) is tagged `rolled-back` and
 * never canaried again. `rollback` returns to the last revision promoted: `stable` when a deploy
 * left a function anywhere else or failed after it, else `previous` (only a promotion moves it).
 */
import { deployedName, type FunctionEntry } from '../../shared/registry';
import * as cmd from './commands';
import { judgeCanary, judgePlan, readStatuses, soleServing, trafficOf, type CanaryVerdict, type Traffic } from './readings';
import { secretId, syntheticSources, type DeliverySource } from './deliveries';
import { GateFailed, type Shell } from './shell';

export interface DeployOptions {
  target: cmd.Target;
  functions: readonly FunctionEntry[];
  /** Set when --only named them: terraform then plans only these functions. */
  only: boolean;
  soakSeconds: number;
  maxErrorPercent: number;
  /** Fewer requests on a canary leave it unjudged, and unjudged is not promoted. */
  minRequests: number;
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

/** The functions the synthetic probe reaches through their own URL; the signed webhooks get signed deliveries (deliveries.ts); the others are judged on their real traffic at 10 %. */
export const smokeTested: ReadonlySet<string> = new Set(['discordInteractions']);
/** Requests one probe run sends: a PING and the probe's bid (shared/probe run-probe.ts). */
export const requestsPerProbe = 2;

/** How many probe runs put `minRequests` through a canary's tag (one at least: a smoke test is not enough by itself). */
export const syntheticRounds = (minRequests: number) => Math.max(1, Math.ceil(minRequests / requestsPerProbe));

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
    // `stable` names the last good revision; `previous` (what `rollback` returns to) stays until a canary is promoted.
    const untag = presentTags(traffic, [cmd.canaryTag]);
    const retag = traffic.tags[cmd.stableTag] !== sole;
    if (traffic.followsLatest || untag.length > 0 || retag)
      sh.read(cmd.updateTraffic(service, o.target, { to: { [sole]: 100 }, ...(retag ? { tag: { [cmd.stableTag]: sole } } : {}), untag }));
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

/**
 * Gate after the apply: every pinned function still takes all its traffic from its pinned
 * revision by name. One that does not is put back there and the deploy stops before any canary:
 * a revision no gate judged must not be the one serving, nor taken for a canary already at 100 %.
 */
function verifyPins(sh: Shell, o: DeployOptions, serving: Map<string, string>, after: Map<string, Traffic | undefined>): void {
  const moved: string[] = [];
  for (const [service, pinned] of serving) {
    const traffic = after.get(service);
    if (traffic && soleServing(traffic) === pinned && !traffic.followsLatest) continue;
    moved.push(`${service} (${traffic ? JSON.stringify(traffic.serving) : 'gone'}${traffic?.followsLatest ? ', following its latest revision' : ''})`);
    if (traffic) sh.read(cmd.updateTraffic(service, o.target, { to: { [pinned]: 100 } }));
  }
  sh.say(`gate pins: ${moved.length === 0 ? 'every function serves the revision it was pinned to' : `MOVED: ${moved.join('; ')}`}`);
  if (moved.length > 0) {
    throw new GateFailed(
      `the apply moved traffic off the pinned revisions of ${moved.join('; ')}. Each is back on its \`${cmd.stableTag}\` revision; nothing was promoted. ` +
        'terraform must not own traffic: check that no one set all_traffic_on_latest_revision or changed the provider pin, then deploy again.',
    );
  }
}

/** Step 4: which functions have a new revision, ready and without traffic. */
function findCanaries(sh: Shell, o: DeployOptions, serving: Map<string, string>): Canary[] {
  sh.say('\n== 4. check the pins held, and find the new revisions');
  const after = new Map(o.functions.map((entry) => [deployedName(entry), describe(sh, deployedName(entry), o.target)] as const));
  verifyPins(sh, o, serving, after);
  const canaries: Canary[] = [];
  for (const entry of o.functions) {
    const service = deployedName(entry);
    const traffic = after.get(service);
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
    } else if (traffic.tags[cmd.rolledBackTag] === traffic.latestReady) {
      sh.say(
        `${service}: its latest revision ${traffic.latestReady} was rolled back (tagged \`${cmd.rolledBackTag}\`): not canaried, it stays at 0 % (a fix or a revert makes a new one); serving: ${previous}`,
      );
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

/** Step 7's synthetic traffic: the probe through each probed canary's tag, enough runs for the gate's minimum; signed deliveries to each signed ingress's. */
async function syntheticTraffic(sh: Shell, o: DeployOptions, canaries: readonly Canary[], since: string): Promise<void> {
  const rounds = syntheticRounds(o.minRequests);
  for (const c of canaries.filter((c) => smokeTested.has(c.entry.name))) {
    const url = describe(sh, c.service, o.target)?.tagUrls[cmd.canaryTag];
    if (url === undefined) continue;
    let failed = 0;
    for (let i = 0; i < rounds; i++) if (sh.attached(cmd.probe(url, o.probeCommand)) !== 0) failed++;
    sh.say(`synthetic: ${c.service} canary: ${rounds} probe runs (${rounds * requestsPerProbe} requests), ${failed} failed`);
  }
  for (const c of canaries) await signedDeliveries(sh, o, c, since);
}

/** Rounds of synthetic deliveries to one signed ingress's canary, at most this many; then what was judged is judged (too few: not promoted). */
export const maxDeliveryRounds = 5;

/** The signed source whose synthetic deliveries reach this function, if any (deliveries.ts). */
export const deliverySourceOf = (entry: FunctionEntry): DeliverySource | undefined =>
  entry.kind === 'http' && entry.signedBy ? syntheticSources[entry.signedBy] : undefined;

/** The status a delivery was answered with, or undefined when curl got no answer (counted as not 2xx). */
function answer(sh: Shell, c: cmd.Command): number | undefined {
  try {
    const status = Number(sh.read(c).trim());
    return Number.isInteger(status) && status > 0 ? status : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signed deliveries through the canary's tag URL, in rounds: each sends what the canary still
 * lacks of `minRequests` (one at least), then reads again how many of the canary's requests the
 * gate will judge (Cloud Run's request log, real traffic included), until enough are or the
 * rounds run out. Rounds wait for the log to catch up (at most 10 s, never longer than the soak).
 */
async function signedDeliveries(sh: Shell, o: DeployOptions, c: Canary, since: string): Promise<void> {
  const source = deliverySourceOf(c.entry);
  if (!source || c.entry.kind !== 'http') return;
  const url = describe(sh, c.service, o.target)?.tagUrls[cmd.canaryTag];
  if (url === undefined) return sh.say(`synthetic: ${c.service} canary: no tag URL; judged on its real traffic`);
  const secret = sh.read(cmd.readSecret(secretId(source.secret), o.target));
  const judgedNow = () => readStatuses(sh.read(cmd.requestStatuses(c.service, c.revision, since, o.target, 10_000))).requests;
  let judged = judgedNow();
  for (let round = 1; round <= maxDeliveryRounds; round++) {
    const count = Math.max(1, o.minRequests - judged);
    let ok = 0;
    for (let i = 0; i < count; i++) {
      const status = answer(sh, cmd.postDelivery(`${url}${c.entry.route}`, source.sign(secret, o.now())));
      if (status !== undefined && status >= 200 && status < 300) ok++;
    }
    judged = judgedNow();
    sh.say(
      `synthetic: ${c.service} canary: round ${round}: ${count} × ${source.kind}: ${ok} answered 2xx, ${count - ok} not; ${judged} requests to judge (gate: ${o.minRequests})`,
    );
    if (judged >= o.minRequests) return;
    if (round < maxDeliveryRounds) await sh.wait(Math.min(o.soakSeconds, 10));
  }
}

/** Step 8: each canary's request log against its serving revision's over the same minutes. */
function judged(sh: Shell, o: DeployOptions, c: Canary, since: string): CanaryVerdict {
  const statuses = (revision: string) => readStatuses(sh.read(cmd.requestStatuses(c.service, revision, since, o.target, 10_000)));
  const verdict = judgeCanary(statuses(c.revision), statuses(c.previous), { minRequests: o.minRequests, maxErrorPercent: o.maxErrorPercent });
  sh.say(`gate requests: ${c.revision}: ${verdict.seen}: ${verdict.pass ? 'pass' : verdict.why === 'unjudged' ? 'NOT JUDGED' : 'FAIL'}`);
  return verdict;
}

/** Steps 6 to 9: 10 %, synthetic traffic and the soak, the gate, then 100 % or everything back. */
async function shift(sh: Shell, o: DeployOptions, canaries: readonly Canary[]): Promise<void> {
  sh.say('\n== 6. move 10 % of traffic to each canary');
  const since = o.now().toISOString();
  for (const c of canaries) sh.read(cmd.updateTraffic(c.service, o.target, { to: { [c.revision]: 10 } }));
  sh.say(`\n== 7. synthetic traffic through the canary tags, then soak ${o.soakSeconds} s`);
  await syntheticTraffic(sh, o, canaries, since);
  await sh.wait(o.soakSeconds);
  sh.say(
    `\n== 8. each canary's non-2xx share since ${since} against its serving revision's (gate: at least ${o.minRequests} requests, at most ${o.maxErrorPercent} points above)`,
  );
  const verdicts = canaries.map((c) => judged(sh, o, c, since));
  const failed = verdicts.filter((v): v is Extract<CanaryVerdict, { pass: false }> => !v.pass);
  if (failed.length > 0) {
    sh.say(`\n== putting back: every canary of this deploy gives its traffic back; one that answered worse is tagged \`${cmd.rolledBackTag}\``);
    canaries.forEach((c, i) => {
      const v = verdicts[i];
      const worse = !v.pass && v.why === 'worse';
      sh.read(
        cmd.updateTraffic(c.service, o.target, {
          to: { [c.previous]: 100 },
          ...(worse ? { tag: { [cmd.rolledBackTag]: c.revision } } : {}),
          untag: [cmd.canaryTag],
        }),
      );
    });
    const why = failed.some((v) => v.why === 'worse')
      ? 'a canary answered more non-2xx than the revision serving beside it'
      : `a canary was not judged: fewer than ${o.minRequests} requests reached it (a longer --soak-seconds, or --min-requests lowered on purpose for a quiet function)`;
    throw new GateFailed(`${why}: all traffic is back on the revisions that served before, the last promoted; \`rollback\` leaves them there`);
  }
  sh.say('\n== 9. move all traffic to each canary (it becomes `stable`; the revision it replaces, `previous`)');
  for (const c of canaries)
    sh.read(
      cmd.updateTraffic(c.service, o.target, {
        to: { [c.revision]: 100 },
        tag: { [cmd.stableTag]: c.revision, [cmd.previousTag]: c.previous },
        untag: [cmd.canaryTag],
      }),
    );
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

/**
 * Each function back to its last good revision, the last one promoted (or pinned): the `stable`
 * one when a deploy left it serving anything else (stopped half-way, or an apply that moved
 * traffic). On `stable` with a newer revision beside it that was never promoted (a deploy whose
 * gate put traffic back, or a rollback already done), it stays: the last good revision serves.
 * Otherwise the last promotion is undone: back to `previous` (which becomes `stable`), and the
 * revision it replaced is tagged `rolled-back` so no deploy canaries it again. Or one revision by name.
 */
export function rollback(sh: Shell, target: cmd.Target, functions: readonly FunctionEntry[], to: { service: string; revision: string } | undefined): void {
  if (to) {
    sh.read(cmd.updateTraffic(to.service, target, { to: { [to.revision]: 100 }, tag: { [cmd.stableTag]: to.revision } }));
    sh.say(`${to.service}: all traffic on ${to.revision}`);
    return;
  }
  for (const entry of functions) {
    const service = deployedName(entry);
    const traffic = describe(sh, service, target);
    const sole = traffic && !traffic.followsLatest ? soleServing(traffic) : undefined;
    const stable = traffic?.tags[cmd.stableTag];
    const previous = traffic?.tags[cmd.previousTag];
    if (traffic && stable && sole !== stable) {
      sh.read(cmd.updateTraffic(service, target, { to: { [stable]: 100 }, untag: presentTags(traffic, [cmd.canaryTag]) }));
      sh.say(`${service}: a deploy left it on ${JSON.stringify(traffic.serving)}; all traffic back on its last good revision ${stable}`);
    } else if (traffic && stable && traffic.latestReady !== undefined && traffic.latestReady !== stable) {
      sh.say(
        `${service}: already on its last good revision ${stable}, the last promoted; ${traffic.latestReady}, made since, was never promoted: left as it is` +
          (previous ? ` (to undo ${stable}'s promotion too: npm run deploy -- rollback --to ${previous})` : ''),
      );
    } else if (traffic && previous && sole !== previous) {
      sh.read(
        cmd.updateTraffic(service, target, {
          to: { [previous]: 100 },
          tag: { [cmd.stableTag]: previous, ...(sole ? { [cmd.rolledBackTag]: sole } : {}) },
          untag: presentTags(traffic, [cmd.canaryTag, cmd.previousTag]),
        }),
      );
      sh.say(`${service}: all traffic back on ${previous}${sole ? `; ${sole} tagged \`${cmd.rolledBackTag}\` (no deploy canaries it again)` : ''}`);
    } else {
      sh.say(`${service}: no \`${cmd.previousTag}\` revision to return to (no promotion since the last rollback): left as it is`);
    }
  }
}
