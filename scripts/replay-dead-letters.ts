/**
 * `npm run replay-dead-letters -- <hold subscription> [--dry-run] [--limit N] [--project P]`:
 * publishes each dead letter waiting in a dead-letter topic's `-hold` subscription to the topic
 * it came from, then acks it (docs/operations/runbook.md#dead-letters-waiting). Uses the
 * environment's Google credentials (`gcloud auth application-default login`), or the Pub/Sub
 * emulator when PUBSUB_EMULATOR_HOST is set. `--dry-run` lists them and leaves them all.
 * Exits 0 when it ran (even with nothing to do), 1 when a message is left that it could not
 * send back, 2 on a wrong command line or a failure.
 */
import { PubSub } from '@google-cloud/pubsub';
import { replayDeadLetters } from './dead-letters/replay';

export interface ReplayArgs {
  subscription: string;
  dryRun: boolean;
  limit: number;
  projectId?: string;
}

export const replayUsage = 'usage: npm run replay-dead-letters -- <dead-letter hold subscription> [--dry-run] [--limit N] [--project P]';

/** The command line, or a message saying what is wrong with it. */
export function replayArgsOf(args: readonly string[]): ReplayArgs | string {
  const parsed: ReplayArgs = { subscription: '', dryRun: false, limit: 100 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--dry-run') parsed.dryRun = true;
    else if (arg === '--limit') {
      const limit = Number(args[++i]);
      if (!Number.isInteger(limit) || limit < 1) return `--limit takes a whole number of messages, 1 or more (got ${args[i] ?? 'nothing'})`;
      parsed.limit = limit;
    } else if (arg === '--project') {
      const project = args[++i];
      if (!project || project.startsWith('--')) return '--project takes a project id';
      parsed.projectId = project;
    } else if (arg.startsWith('--')) return `no option ${arg}`;
    else if (parsed.subscription) return `one subscription at a time (got ${parsed.subscription} and ${arg})`;
    else parsed.subscription = arg;
  }
  if (!parsed.subscription) return 'name the dead-letter hold subscription, e.g. stripe-events-dead-letter-hold';
  if (!/-hold$/.test(parsed.subscription.split('/').pop() ?? '')) {
    return `${parsed.subscription} is not a dead-letter hold subscription (their names end in -hold: gcloud pubsub subscriptions list --filter="name~-dead-letter-hold$")`;
  }
  return parsed;
}

if (require.main === module) {
  const args = replayArgsOf(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`${args}\n${replayUsage}`);
    process.exit(2);
  }
  const pubsub = new PubSub(args.projectId ? { projectId: args.projectId } : {});
  replayDeadLetters({ pubsub, subscription: args.subscription, limit: args.limit, dryRun: args.dryRun, say: (line) => console.log(line) })
    .then(async (result) => {
      await pubsub.close();
      const sent = Object.entries(result.byTopic)
        .map(([topic, n]) => `${n} to ${topic}`)
        .join(', ');
      console.log(
        args.dryRun
          ? `dry run: ${result.read} dead letters read from ${args.subscription}, all left where they were`
          : `${result.replayed} of ${result.read} dead letters sent back${sent ? ` (${sent})` : ''}; ${result.left} left in ${args.subscription}`,
      );
      process.exit(!args.dryRun && result.left > 0 ? 1 : 0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(2);
    });
}
