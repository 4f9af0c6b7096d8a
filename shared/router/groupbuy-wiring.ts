/**
 * @module groupbuy-wiring
 * What a group buy's close and its charging are handed: payments with every module's
 * registration (a charge records its order as a checkout's payment does), the task queue and
 * the deployment's fee.
 */
import type { Platform } from '../platform';
import type { GroupBuyCloseDeps } from '../groupbuys';
import { paymentDeps } from './payment-wiring';

export function groupBuyCloseDeps(platform: Platform): GroupBuyCloseDeps {
  return {
    ...paymentDeps(platform),
    tasks: platform.tasks(),
    platformFeeBps: platform.config.marketplace.platformFeeBps,
    publicBaseUrl: platform.config.publicBaseUrl,
  };
}
