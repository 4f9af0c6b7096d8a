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

export interface ErrorReading {
  requests: number;
  errors: number;
  /** Whether the share of 5xx answers is above the gate. */
  tooMany: boolean;
}

/** `gcloud logging read --format=value(httpRequest.status)` prints one status a line. */
export function readErrors(statusLines: string, maxErrorPercent: number): ErrorReading {
  const statuses = statusLines
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+$/.test(l))
    .map(Number);
  const errors = statuses.filter((s) => s >= 500).length;
  return { requests: statuses.length, errors, tooMany: errors * 100 > maxErrorPercent * statuses.length };
}

export const percentOf = (r: ErrorReading) => (r.requests === 0 ? '0' : ((r.errors * 100) / r.requests).toFixed(1));
