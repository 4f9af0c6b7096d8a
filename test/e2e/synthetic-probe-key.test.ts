/**
 * The scheduled probe's `key` check, as Cloud Scheduler runs it: the local runtime's
 * `syntheticProbe` asks a local Discord (C500_DISCORD_API_URL) for the application's public key
 * and holds it against the key the ingress said it holds. When the two differ it writes a
 * `probe.checked` line that terraform/probe.tf's `probe_failed` alert matches (its own filter
 * and label extractors, read from the .tf file), so a wrong DISCORD_PUBLIC_KEY pages.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { compileExtractor, compileFilter, readLogLines, type LogEntry } from '../../scripts/slo/logging-filter';
import { discordApiPath, mountDiscordApi, type LocalApplication } from '../../shared/local/discord-api';
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import { generateDiscordKeyPair } from '../../shared/local/discord-signing';
import type { ProbeCheck } from '../../shared/probe';
import { asArray, asObject, block, loadTerraform } from '../support/terraform';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

/** The page on a failed check, as terraform gives it to Cloud Monitoring: its log filter and its labels. */
async function probeFailedAlert(): Promise<{ matches: (entry: LogEntry) => boolean; labels: Record<string, (entry: LogEntry) => string | undefined> }> {
  const tf = await loadTerraform();
  const policy = asObject(tf.resources.get('google_monitoring_alert_policy')?.get('probe_failed'), 'probe_failed');
  const condition = block(asObject(asArray(policy.conditions, 'probe_failed.conditions')[0], 'condition'), 'condition_matched_log', 'probe_failed');
  const extractors = asObject(condition.label_extractors, 'probe_failed label_extractors');
  return {
    matches: compileFilter(String(condition.filter)),
    labels: Object.fromEntries(Object.entries(extractors).map(([label, extractor]) => [label, compileExtractor(String(extractor))])),
  };
}

describe('the scheduled probe’s key check against the application’s key as Discord reports it', () => {
  let rt: TestRuntime;
  let discord: ReturnType<express.Express['listen']>;
  const output: string[] = [];
  // The application the stand-in Discord speaks for; each test sets the key it reports.
  const application: LocalApplication = { id: '1100000000000000001', verifyKey: undefined };

  beforeAll(async () => {
    const app = express();
    mountDiscordApi(app, new DiscordOutbox(), undefined, application);
    discord = await new Promise((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve(server));
    });
    const api = `http://127.0.0.1:${(discord.address() as AddressInfo).port}${discordApiPath}/v10`;
    rt = await startTestRuntime({ env: { C500_DISCORD_API_URL: api, C500_LOG_LEVEL: 'info' }, processOutput: (text) => void output.push(text) });
  });
  afterAll(async () => {
    await rt?.close();
    await new Promise((resolve) => discord?.close(resolve));
  });

  let runs = 0;
  /**
   * Runs the scheduled function once; its key check and the `probe.checked` line it wrote for it.
   * The runtime's output reaches the test on its own time, after the run answered: each run writes
   * exactly one key line, so run k's line is the k-th, waited for, never a late one of the run before.
   */
  async function scheduledKeyCheck(): Promise<{ check: ProbeCheck | undefined; line: LogEntry | undefined }> {
    const { status, body } = await rt.runScheduled('syntheticProbe');
    expect(status).toBe(200);
    runs += 1;
    const keyLines = () => readLogLines(output.join('')).filter((e) => e.jsonPayload.event === 'probe.checked' && e.jsonPayload.check === 'key');
    while (keyLines().length < runs) await new Promise((resolve) => setTimeout(resolve, 20));
    const check = (body as { checks: ProbeCheck[] }).checks.find((c) => c.check === 'key');
    return { check, line: keyLines()[runs - 1] };
  }

  it('GIVEN Discord reports the key the ingress holds THEN the key check is ok and the alert matches no line of it', async () => {
    application.verifyKey = rt.secrets.DISCORD_PUBLIC_KEY;
    const { check, line } = await scheduledKeyCheck();
    expect(check).toEqual({ check: 'key', outcome: 'ok', reason: 'DISCORD_PUBLIC_KEY is the application’s' });
    expect(line?.jsonPayload).toMatchObject({ outcome: 'ok' });
    const alert = await probeFailedAlert();
    expect(alert.matches(line as LogEntry)).toBe(false);
  });

  it('GIVEN Discord reports another application’s key THEN the key check fails, and the probe_failed alert matches its line, labelled key', async () => {
    const other = generateDiscordKeyPair().publicKeyHex;
    application.verifyKey = other;
    const { check, line } = await scheduledKeyCheck();
    const held = String(rt.secrets.DISCORD_PUBLIC_KEY);
    const reason = `DISCORD_PUBLIC_KEY ${held.slice(0, 8)}… is not the application’s ${other.slice(0, 8)}…`;
    expect(check).toEqual({ check: 'key', outcome: 'failed', reason });
    expect(line?.jsonPayload).toMatchObject({ event: 'probe.checked', check: 'key', outcome: 'failed', reason });
    const alert = await probeFailedAlert();
    expect(alert.matches(line as LogEntry)).toBe(true);
    expect(Object.fromEntries(Object.entries(alert.labels).map(([label, extract]) => [label, extract(line as LogEntry)]))).toEqual({ check: 'key', reason });
  });
});
