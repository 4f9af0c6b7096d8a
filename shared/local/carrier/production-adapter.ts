/**
 * @module carrier/production-adapter
 * How a function reaches the carrier's stand-in: the production adapter, `@easypost/api`
 * pointed at the stand-in's served API (`baseUrl`), with this run's key and webhook secret
 * from the config, as a deployed function reaches api.easypost.com. The client is required on
 * the first call, so a process that never ships a parcel never loads it.
 */
import type { Config } from '../../config';
import type { Carrier } from '../../ports';

export function carrierOverHttp(config: Config, baseUrl: string): Carrier {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use */
  const { createEasyPostCarrier } = require('../../adapters/easypost/easypost-carrier') as typeof import('../../adapters/easypost/easypost-carrier');
  const { EASYPOST_API_KEY: apiKey, EASYPOST_WEBHOOK_SECRET: webhookSecret } = config.secrets;
  if (!apiKey) throw new Error('EASYPOST_API_KEY is not set: the local runtime makes one at start (dev-secrets)');
  return createEasyPostCarrier({ apiKey, baseUrl, ...(webhookSecret ? { webhookSecret } : {}) });
}
