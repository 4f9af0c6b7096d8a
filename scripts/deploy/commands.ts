/**
 * @module commands
 * Every command `npm run deploy` runs, as argv, built in one place: the real run and the
 * `--dry-run` printout take them from here, so what the dry run shows is what a run does.
 * Flags are Google's and HashiCorp's as documented (docs/operations/deploying.md names the
 * pages); nothing here runs anything.
 */

/** One command: the program (looked up on PATH) and its arguments, with why it runs. */
export interface Command {
  program: string;
  args: readonly string[];
}

export interface Target {
  project: string;
  region: string;
}

/** The tag a new revision is reached by before it takes traffic (its own URL: https://canary---<service>-…run.app). */
export const canaryTag = 'canary';
/** The tag left on the revision the last promotion replaced: what `rollback` returns to. Only a promotion moves it. */
export const previousTag = 'previous';
/**
 * The tag on the revision the script last saw serving all traffic (pinned before an apply, or
 * promoted): the last good one. A function serving anything else was left there by a deploy that
 * stopped (or by an apply that moved traffic), and `rollback` returns it here first.
 */
export const stableTag = 'stable';
/**
 * The tag on the newest revision judged bad: one the request gate put back, or one `rollback`
 * took traffic from after its promotion. The deploy never canaries it again, so a rollback with
 * no change since is not undone by the next deploy. Cloud Run's latest ready revision only moves
 * forward, so one tag per service is enough (tag and service name together stay within Cloud
 * Run's 46 characters).
 */
export const rolledBackTag = 'rolled-back';

const where = (t: Target) => ['--region', t.region, '--project', t.project];

export const buildBundles = (): Command => ({ program: 'npm', args: ['run', 'build:deploy'] });

export const describeService = (service: string, t: Target): Command => ({
  program: 'gcloud',
  args: ['run', 'services', 'describe', service, ...where(t), '--format=json'],
});

/**
 * Traffic and tags of one service in one call. `--to-revisions REV=N` gives REV N % and takes
 * the rest from the others in proportion; `--update-tags`/`--remove-tags` only name revisions.
 */
export function updateTraffic(
  service: string,
  t: Target,
  change: { to?: Readonly<Record<string, number>>; tag?: Readonly<Record<string, string>>; untag?: readonly string[] },
): Command {
  const args = ['run', 'services', 'update-traffic', service, ...where(t)];
  const pairs = (m: Readonly<Record<string, number | string>>) =>
    Object.entries(m)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  if (change.to && Object.keys(change.to).length > 0) args.push(`--to-revisions=${pairs(change.to)}`);
  if (change.tag && Object.keys(change.tag).length > 0) args.push(`--update-tags=${pairs(change.tag)}`);
  if (change.untag && change.untag.length > 0) args.push(`--remove-tags=${change.untag.join(',')}`);
  return { program: 'gcloud', args };
}

/**
 * The request log lines Cloud Run wrote for one revision since `since`, one status a line,
 * newest first: past `limit`, the newest `limit` requests are what is judged.
 * Request logs are the platform's own (`run.googleapis.com/requests`), so a crash, a timeout
 * or a refusal the code never saw is counted too.
 */
export function requestStatuses(service: string, revision: string, since: string, t: Target, limit: number): Command {
  const filter = [
    'resource.type="cloud_run_revision"',
    `resource.labels.service_name="${service}"`,
    `resource.labels.revision_name="${revision}"`,
    `logName="projects/${t.project}/logs/run.googleapis.com%2Frequests"`,
    `timestamp>="${since}"`,
  ].join(' AND ');
  return { program: 'gcloud', args: ['logging', 'read', filter, '--project', t.project, `--limit=${limit}`, '--format=value(httpRequest.status)'] };
}

export const terraformTarget = (fn: string) => `-target=google_cloudfunctions2_function.function["${fn}"]`;

export function terraformPlan(planFile: string, t: Target, only: readonly string[] | undefined): Command {
  const targets = only ? only.map(terraformTarget) : [];
  return {
    program: 'terraform',
    args: ['-chdir=terraform', 'plan', '-input=false', `-out=${planFile}`, `-var=project_id=${t.project}`, `-var=region=${t.region}`, ...targets],
  };
}

export const terraformShow = (planFile: string): Command => ({ program: 'terraform', args: ['-chdir=terraform', 'show', '-json', planFile] });

export const terraformApply = (planFile: string): Command => ({ program: 'terraform', args: ['-chdir=terraform', 'apply', '-input=false', planFile] });

/** The synthetic probe (a signed PING and a dry-run bid) against one base URL; C500_PROBE_COMMAND replaces `npm run -s probe --`. */
export function probe(url: string, override: string | undefined): Command {
  const words = override?.trim() ? override.trim().split(/\s+/) : ['npm', 'run', '-s', 'probe', '--'];
  return { program: words[0], args: [...words.slice(1), '--url', url] };
}

/** A secret's latest version, as the functions read it (the synthetic deliveries are signed with it; it is not printed). */
export const readSecret = (secretId: string, t: Target): Command => ({
  program: 'gcloud',
  args: ['secrets', 'versions', 'access', 'latest', `--secret=${secretId}`, '--project', t.project],
});

/**
 * One synthetic delivery POSTed as its sender posts it; curl prints only the status the canary
 * answered (exit 0 on any status: a 401 is an answer, judged by the gate, not a failed command).
 */
export function postDelivery(url: string, delivery: { headers: Readonly<Record<string, string>>; body: string }): Command {
  const headers = Object.entries(delivery.headers).flatMap(([name, value]) => ['--header', `${name}: ${value}`]);
  return {
    program: 'curl',
    args: [
      '--silent',
      '--show-error',
      '--max-time',
      '30',
      '--output',
      '/dev/null',
      '--write-out',
      '%{http_code}',
      ...headers,
      '--data-binary',
      delivery.body,
      url,
    ],
  };
}

/** As a person would type it (for the printout); values with spaces or quotes are single-quoted. */
export function shown(c: Command): string {
  const quote = (w: string) => (/^[\w@%+=:,./[\]"-]+$/.test(w) && !w.includes('"') ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  return [c.program, ...c.args].map(quote).join(' ');
}
