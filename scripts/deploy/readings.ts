/**
 * @module readings
 * What the deploy reads from gcloud and terraform, and the gates it judges by, as pure
 * functions over their JSON and text: a service's traffic (from `gcloud run services describe
 * --format=json`, Cloud Run's Knative-shaped Service), a plan (`terraform show -json`), and the
 * statuses of a revision's request log lines.
 */

/** One row of a service's `status.traffic`: Cloud Run resolves `latestRevision` to a name there. */
interface TrafficTarget {
  revisionName?: string;
  percent?: number;
  tag?: string;
  url?: string;
  latestRevision?: boolean;
}

export interface ServiceDescription {
  status?: {
    latestCreatedRevisionName?: string;
    latestReadyRevisionName?: string;
    traffic?: TrafficTarget[];
    url?: string;
  };
}

export interface Traffic {
  /** Revision name → percent, for the revisions that take any. */
  serving: Record<string, number>;
  /** Tag → revision name. */
  tags: Record<string, string>;
  /** Tag → its own URL. */
  tagUrls: Record<string, string>;
  /** Some traffic goes to whichever revision is latest: a new revision would take it. */
  followsLatest: boolean;
  latestReady?: string;
  latestCreated?: string;
}

export function trafficOf(json: string): Traffic {
  const service = JSON.parse(json) as ServiceDescription;
  const traffic: Traffic = { serving: {}, tags: {}, tagUrls: {}, followsLatest: false };
  for (const row of service.status?.traffic ?? []) {
    if (row.latestRevision && (row.percent ?? 0) > 0) traffic.followsLatest = true;
    if (!row.revisionName) continue;
    if ((row.percent ?? 0) > 0) traffic.serving[row.revisionName] = (traffic.serving[row.revisionName] ?? 0) + (row.percent ?? 0);
    if (row.tag) {
      traffic.tags[row.tag] = row.revisionName;
      if (row.url) traffic.tagUrls[row.tag] = row.url;
    }
  }
  traffic.latestReady = service.status?.latestReadyRevisionName;
  traffic.latestCreated = service.status?.latestCreatedRevisionName;
  return traffic;
}

/** The one revision taking all traffic; undefined when traffic is split (a canary left half-way) or goes nowhere. */
export function soleServing(traffic: Traffic): string | undefined {
  const rows = Object.entries(traffic.serving);
  return rows.length === 1 && rows[0][1] === 100 ? rows[0][0] : undefined;
}

interface PlannedChange {
  address: string;
  type: string;
  change: { actions: string[]; after?: { service_config?: Array<{ all_traffic_on_latest_revision?: boolean }> } | null };
}

export interface PlanVerdict {
  counts: { create: number; update: number; delete: number };
  /** Resources the plan deletes (or replaces): a rename loses what waits on a subscription. */
  deletes: string[];
  /** Functions whose new revision would take all traffic at once, past the canary. */
  straightToTraffic: string[];
}

export function judgePlan(json: string): PlanVerdict {
  const plan = JSON.parse(json) as { resource_changes?: PlannedChange[] };
  const verdict: PlanVerdict = { counts: { create: 0, update: 0, delete: 0 }, deletes: [], straightToTraffic: [] };
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change.actions;
    if (actions.includes('create')) verdict.counts.create++;
    if (actions.includes('update')) verdict.counts.update++;
    if (actions.includes('delete')) {
      verdict.counts.delete++;
      verdict.deletes.push(rc.address);
    }
    const makesRevision = actions.includes('update') || actions.includes('create');
    if (rc.type === 'google_cloudfunctions2_function' && makesRevision && rc.change.after?.service_config?.[0]?.all_traffic_on_latest_revision !== false) {
      verdict.straightToTraffic.push(rc.address);
    }
  }
  return verdict;
}

export interface StatusReading {
  requests: number;
  /** Requests answered anything but 2xx: a 401 or 403 from an ingress too (a wrong key refuses every delivery with one). */
  failed: number;
}

/** `gcloud logging read --format=value(httpRequest.status)` prints one status a line. */
export function readStatuses(statusLines: string): StatusReading {
  const statuses = statusLines
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+$/.test(l))
    .map(Number);
  return { requests: statuses.length, failed: statuses.filter((s) => s < 200 || s >= 300).length };
}

export const percentOf = (r: StatusReading) => (r.requests === 0 ? '0.0' : ((r.failed * 100) / r.requests).toFixed(1));

export interface CanaryGate {
  /** Fewer requests than this on the canary leave it unjudged, and an unjudged canary is not promoted. */
  minRequests: number;
  /** How many points the canary's non-2xx share may stand above the serving revision's over the same time. */
  maxErrorPercent: number;
}

export type CanaryVerdict = { pass: true; seen: string } | { pass: false; why: 'unjudged' | 'worse'; seen: string };

/**
 * The canary against the revision serving beside it, over the same minutes: a share of non-2xx
 * that the serving revision also has (a client's retries, redirects of a sign-in) is the world,
 * not the release; a share above it by more than the gate is the release.
 */
export function judgeCanary(canary: StatusReading, serving: StatusReading, gate: CanaryGate): CanaryVerdict {
  const seen = `${canary.failed} of ${canary.requests} requests answered non-2xx (${percentOf(canary)} %; the serving revision: ${serving.failed} of ${serving.requests}, ${percentOf(serving)} %)`;
  if (canary.requests === 0 || canary.requests < gate.minRequests)
    return { pass: false, why: 'unjudged', seen: `${seen}: fewer than ${gate.minRequests} judged` };
  const servingShare = serving.requests === 0 ? 0 : serving.failed / serving.requests;
  const worse = canary.failed * 100 > (servingShare * 100 + gate.maxErrorPercent) * canary.requests;
  return worse ? { pass: false, why: 'worse', seen } : { pass: true, seen };
}
