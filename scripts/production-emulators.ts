/**
 * The emulators `--production-clients` runs on, for `npm start` and `npm run soak`: those the
 * environment names (FIRESTORE_EMULATOR_HOST, PUBSUB_EMULATOR_HOST) if they answer, else
 * started here and stopped by `stop()` (scripts/emulators.mjs, shared with
 * scripts/with-emulators.mjs, holds the logic, in plain JavaScript so that one needs no build).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../shared/local/runtime';
import { productionClientsOn } from '../shared/local/production-clients';

export interface EmulatorsUp {
  /** Each emulator's host variable and its host:port. */
  env: Record<string, string>;
  /** Stops what was started here (nothing, when every host was preset). */
  stop(options?: { keepLogs?: boolean }): Promise<void>;
}

interface EmulatorsModule {
  emulatorsUp(options: { env: Readonly<Record<string, string | undefined>>; say: (line: string) => void }): Promise<EmulatorsUp>;
}

/** Whether the switch is on: `--production-clients` among the arguments, or C500_PRODUCTION_CLIENTS=1. */
export function wantsProductionClients(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): boolean {
  return argv.includes('--production-clients') || productionClientsOn(env);
}

/**
 * Both emulators up, and the environment the runtime (and its function processes) runs with:
 * the switch on and the hosts set (`added`: just those). An ES module, loaded by its path: this file is CommonJS,
 * and runs from dist/scripts as well as from scripts/.
 */
export async function productionEmulators(
  env: Readonly<Record<string, string | undefined>>,
  say: (line: string) => void,
): Promise<{ env: Record<string, string | undefined>; added: Record<string, string>; stop: EmulatorsUp['stop'] }> {
  const module = (await import(pathToFileURL(join(projectRoot(), 'scripts', 'emulators.mjs')).href)) as EmulatorsModule;
  const up = await module.emulatorsUp({ env, say });
  const added = { C500_PRODUCTION_CLIENTS: '1', ...up.env };
  return { env: { ...env, ...added }, added, stop: (options) => up.stop(options) };
}
