/**
 * @module common
 * What every module shares and none owns: money in integer cents, ids, JSON and page helpers,
 * shards, and doing a piece of work once (`runOnce`, `RecentIds`).
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
export { escapeHtml, htmlPage } from './rules/html-page';
export { isSnowflake, shortIdFrom, snowflakeAt, snowflakeTimeMs } from './rules/ids';
export { type JsonObject, isJsonObject, jsonObjectOf, jsonOf } from './rules/json';
export { checkoutReturnUrls, checkoutSuccessUrl, linkButtonRow } from './rules/links';
export { amountText, formatMoney, maxAmountCents, minimumCharge, minorUnitsOf, parseAmount, percentOf, percentToBps, shareOf } from './rules/money';
export { shardOf } from './rules/shards';
export { renderSitePage } from './rules/site-page';
export { personName, visibleText } from './rules/visible-text';
export { RecentIds } from './use-cases/recent-ids';
export { runOnce, runOnceFor } from './use-cases/run-once';
export { type TaskToSchedule, cancelTask, scheduleTask } from './use-cases/schedule-task';
