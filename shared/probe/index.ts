/**
 * @module probe
 * The synthetic probe (docs/operations/probe.md): a signed PING and a dry-run bid on the
 * probe's own lot, made every five minutes by `syntheticProbe` and on demand by
 * `npm run probe`; the ingress's and the bid subscriber's parts of it.
 *
 * This file is the module's only public face. The ingress loads its rules alone; the use
 * cases load on their first call.
 */
import type * as DecideProbeBid from './use-cases/decide-probe-bid';
import type * as RunProbe from './use-cases/run-probe';

export { claimsToBeProbe, isProbeBid, probeBidJob, probeId, probeInteraction, probeRequestOf, type ProbeRequest } from './rules/probe-requests';
export { probePrivateKey, probeSigner, type ProbeSigner } from './rules/probe-signature';
export { probeBidAdmitted, probeBidsPerMinute } from './rules/probe-rate';
export type { ProbeCheck, ProbeDeps } from './use-cases/run-probe';
export type { ProbeBidDeps } from './use-cases/decide-probe-bid';

export const runProbe: typeof RunProbe.runProbe = (...args) => (require('./use-cases/run-probe') as typeof RunProbe).runProbe(...args);
export const decideProbeBid: typeof DecideProbeBid.decideProbeBid = (...args) =>
  (require('./use-cases/decide-probe-bid') as typeof DecideProbeBid).decideProbeBid(...args);
