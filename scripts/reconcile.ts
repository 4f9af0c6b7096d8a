/**
 * `npm run reconcile -- --since <date>`: the operator's reconciliation of the money journal
 * with Stripe's balance transactions, every server at once (docs/operations/reconciliation.md).
 * With C500_RUNTIME=gcp it reads production (Firestore and Stripe through the environment's
 * credentials and STRIPE_SECRET_KEY); otherwise it asks the local runtime at C500_URL (default
 * http://localhost:8080), which holds the journal against its local Stripe. Prints the report
 * as JSON; exits 1 when anything is unexplained or uncleared.
 */
import { ConfigError, loadConfig } from '../shared/config';
import type { Reconciliation } from '../shared/journal';

export function sinceOf(args: readonly string[], now: Date): Date {
  const at = args.indexOf('--since');
  const text = at >= 0 ? args[at + 1] : undefined;
  if (text === undefined) return new Date(now.getTime() - 2 * 86_400_000);
  const since = new Date(text);
  if (Number.isNaN(since.getTime())) throw new ConfigError(`--since takes a date, e.g. 2026-11-01 (got ${text})`);
  return since;
}

async function reconcile(since: Date): Promise<Reconciliation | undefined> {
  if (process.env.C500_RUNTIME !== 'gcp') {
    const base = process.env.C500_URL ?? 'http://localhost:8080';
    const answer = await fetch(`${base}/_local/reconcile?since=${encodeURIComponent(since.toISOString())}`);
    if (!answer.ok) throw new Error(`the local runtime at ${base} answered ${answer.status}: is \`npm start\` running?`);
    return (await answer.json()) as Reconciliation | undefined;
  }
  // Loaded only for production: a local run needs neither Google's SDKs nor Stripe's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design
  const { gcpPlatform } = require('../shared/adapters/gcp-platform') as typeof import('../shared/adapters/gcp-platform');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design
  const { reconcileAndReport } = require('../shared/payments') as typeof import('../shared/payments');
  const platform = gcpPlatform(loadConfig(process.env), { lightPublisher: true });
  return reconcileAndReport({ store: platform.store(), payments: platform.payments(), clock: platform.clock }, since);
}

if (require.main === module) {
  (async () => {
    const report = await reconcile(sinceOf(process.argv.slice(2), new Date()));
    if (!report) throw new Error('Stripe’s ledger is not available: nothing was reconciled');
    console.log(JSON.stringify(report, null, 2));
    console.error(
      `${report.balanceTransactions} balance transactions since ${report.since}: ${report.matched} matched, ${report.unexplained.length} unexplained, ${report.uncleared.length} uncleared`,
    );
    if (report.unexplained.length > 0 || report.uncleared.length > 0) process.exit(1);
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
