/**
 * @module run-requests
 * The stand-in for Cloud Run's request metrics (`run.googleapis.com/request_count` and
 * `request_latencies`) where no Cloud Run runs: a soak's, a bench's or a test's own lines. Each
 * `http.answered` line is the request Cloud Run would have counted, with its status and its
 * time (our clock, so without a cold start: the stand-in is kinder than Cloud Run there). A
 * request the client sent that got no answer line at all (a killed process, a timeout) is
 * what Cloud Run answers for an instance that never did: a 504, counted too. Each request
 * becomes one point labelled as Cloud Run labels it, and the SLO's own filter (terraform's
 * `local.run_slo_filters`, built the same way here) picks the points it counts.
 */
import { deployedName } from '../../shared/registry';
import { compileFilter, type LogEntry } from './logging-filter';

/** One request as Cloud Run's metrics see it. */
export interface RunRequest {
  /** The function, as the registry names it (`discordInteractions`). */
  function: string;
  status: number;
  ms: number;
}

/** What Cloud Run answers for a request its instance never answered (the request timeout passed). */
export const unansweredStatus = 504;

/** Every request the lines say a function answered. */
export function requestsOf(entries: readonly LogEntry[]): RunRequest[] {
  return entries.flatMap(({ jsonPayload: line }) =>
    line.event === 'http.answered' && typeof line.function === 'string' && typeof line.status === 'number' && typeof line.ms === 'number'
      ? [{ function: line.function, status: line.status, ms: line.ms }]
      : [],
  );
}

/** A request sent to `fn` that got no answer line: Cloud Run would count a 504 after `ms`. */
export const unanswered = (fn: string, ms: number): RunRequest => ({ function: fn, status: unansweredStatus, ms });

/** The filter terraform's `local.run_slo_filters` builds for a Cloud Run SLO, from its parts. */
export const runSloFilterOf = (metric: string, serviceName: string, counted: string): string =>
  `metric.type="run.googleapis.com/${metric}" resource.type="cloud_run_revision" resource.labels.service_name="${serviceName}" ${counted}`;

/** The filter terraform's `local.run_slo_filters` builds for a Cloud Run SLO. */
export function runSloFilter(sli: { runFunction: string; runMetric: string; counted: string }): string {
  return runSloFilterOf(sli.runMetric, deployedName({ name: sli.runFunction }), sli.counted);
}

/** The request as a point of `run.googleapis.com/<metric>`, labelled as Cloud Run labels it. */
function pointOf(request: RunRequest, metric: string): LogEntry {
  return {
    severity: 'DEFAULT',
    jsonPayload: {},
    metric: {
      type: `run.googleapis.com/${metric}`,
      labels: { response_code: String(request.status), response_code_class: `${Math.floor(request.status / 100)}xx` },
    },
    resource: { type: 'cloud_run_revision', labels: { service_name: deployedName({ name: request.function }) } },
  };
}

/** The requests a filter over `run.googleapis.com/<metric>` would count. */
export function requestsCounted(requests: readonly RunRequest[], metric: string, filter: string): RunRequest[] {
  const matches = compileFilter(filter);
  return requests.filter((request) => matches(pointOf(request, metric)));
}
