/**
 * @module common
 * What every module shares and none owns: money in integer cents, ids, JSON and page helpers,
 * shards, and doing a piece of work once (`runOnce`, `RecentIds`).
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
export { escapeHtml } from './rules/html-page';
export { bareShell, layoutMark, page, type LayoutVariant, type PageFrame } from './rules/layout';
export { messagePage, roundTripRefusal } from './rules/message-page';
export { isOrderIdShaped, isSnowflake, normalizeOrderId, shortIdFrom, snowflakeAt, snowflakeTimeMs } from './rules/ids';
export { type JsonObject, isJsonObject, jsonObjectOf, jsonOf } from './rules/json';
export { isDueAtMs } from './rules/task-due';
export { spreadByWeight } from './rules/spread';
export {
  carrierSignatureShape,
  discordSignatureShape,
  kofiTokenShape,
  shopifySignatureShape,
  signatureShapes,
  stripeSignatureShape,
  twitchSignatureShape,
  type SignatureShape,
} from './rules/signature-shape';
export { checkoutLink, checkoutReturnUrls, checkoutSuccessUrl, linkButtonRow } from './rules/links';
export {
  amountStep,
  amountText,
  formatMoney,
  maxAmountCents,
  minimumCharge,
  minorUnitsOf,
  nearestOnStep,
  parseAmount,
  percentOf,
  percentToBps,
  shareOf,
  type AmountProblem,
} from './rules/money';
export { onceRecordDays } from './rules/once-record';
export { isSealed, openSealed, readSealKeys, sealSecret, type SealedOpening, type SealKeys } from './rules/sealed-secret';
export { shardOf } from './rules/shards';
export { renderSitePage } from './rules/site-page';
export { builtSitePage, parseSitePage, sitePageHtml, sitePageSource, type SitePage } from './rules/site-layout';
export { personName, visibleText } from './rules/visible-text';
export { RecentIds } from './use-cases/recent-ids';

// Use cases that reach the store or the queue load on their first call: an ingress never makes one.
export { type TaskToSchedule } from './use-cases/schedule-task';
import type * as RunOnce from './use-cases/run-once';
import type * as ScheduleTask from './use-cases/schedule-task';
const once = () => require('./use-cases/run-once') as typeof RunOnce;
const schedule = () => require('./use-cases/schedule-task') as typeof ScheduleTask;
export const runOnce: typeof RunOnce.runOnce = (...args) => once().runOnce(...args);
export const runOnceFor: typeof RunOnce.runOnceFor = (...args) => once().runOnceFor(...args);
/** Loads task scheduling with an instance whose every request schedules (the bid subscribers), not with its first request. */
export const loadScheduling = (): void => void schedule();
export const scheduleTask: typeof ScheduleTask.scheduleTask = (...args) => schedule().scheduleTask(...args);
export const cancelTask: typeof ScheduleTask.cancelTask = (...args) => schedule().cancelTask(...args);
import type * as SweepOnceRecords from './use-cases/sweep-once-records';
/** Expired redelivery records deleted where no TTL policy does it (the local store, the emulator). */
export const sweepExpiredOnceRecords: typeof SweepOnceRecords.sweepExpiredOnceRecords = (...args) =>
  (require('./use-cases/sweep-once-records') as typeof SweepOnceRecords).sweepExpiredOnceRecords(...args);
