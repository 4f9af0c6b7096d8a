/**
 * The Functions Framework entry: registers the registry's functions by name for
 * `--target`. A deployed function (FUNCTION_TARGET set) registers only itself, so its
 * instance loads only its own module graph.
 */
import { http } from '@google-cloud/functions-framework';
import { loadConfig, required } from '../shared/config';
import { redactSecrets, setLogIdKey, setTraceProject } from '../shared/log';
import { gcpPlatform } from '../shared/adapters/gcp-platform';
import { pushEndpoint } from '../shared/triggers/pubsub-trigger';
import { functionRegistry } from '../shared/registry';
import { startCloudTrace } from '../shared/telemetry';
import { hostFunction } from './catalog';

const target = process.env.FUNCTION_TARGET;
const config = loadConfig({ C500_RUNTIME: 'gcp', ...process.env });
// No log line may show a secret this instance was given, whoever's error quotes it.
redactSecrets(Object.values(config.secrets));
// People's ids in lines are hashed under the deployment's key, so every instance writes the same hash for the same person.
setLogIdKey(required(config, 'LOG_ID_KEY'));
// A line's trace is `projects/<project>/traces/<id>`: Cloud Logging links only the full name.
setTraceProject(config.projectId);
// The sampled share of spans goes to Cloud Trace, with the ids the lines carry (the SDK loads after the first answer).
startCloudTrace({ projectId: config.projectId, sampleRatio: config.traceSampleRatio, service: target ?? 'c500' });

for (const entry of functionRegistry) {
  if (target && entry.name !== target) continue;
  const hosted = hostFunction(entry, gcpPlatform(config, { lightPublisher: entry.kind === 'http' }));
  http(entry.name, hosted.kind === 'pubsub' ? pushEndpoint(hosted.handler) : hosted.handler);
}
