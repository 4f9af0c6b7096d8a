/**
 * Cloud Run's refusals at the instance ceiling are counted from its own request log, since
 * request_count leaves them out: the metric reads Cloud Run's request log for 429s, and since
 * no code of ours answers 429, every 429 there is the platform's.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadTerraform, type JsonObject } from '../support/terraform';

const root = join(__dirname, '..', '..');

/** Our own answers' source: shared/ and functions/, less tests and the local stand-ins (which play other services). */
function ownSources(dir: string): Array<[string, string]> {
  return readdirSync(dir).flatMap((name): Array<[string, string]> => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'local' ? [] : ownSources(path);
    return name.endsWith('.ts') ? [[path, readFileSync(path, 'utf8')]] : [];
  });
}

describe('refusals at the instance ceiling', () => {
  it('are counted from Cloud Run’s request log by their 429, per service', async () => {
    const tf = await loadTerraform();
    const metric = tf.resources.get('google_logging_metric')?.get('instance_ceiling_refusals') as JsonObject;
    expect(metric.filter).toBe('resource.type="cloud_run_revision" AND log_id("run.googleapis.com/requests") AND httpRequest.status=429');
    expect(metric.label_extractors).toEqual({ service: 'EXTRACT(resource.labels.service_name)' });
  });

  it('page through an alert on that metric', async () => {
    const tf = await loadTerraform();
    const alert = tf.resources.get('google_monitoring_alert_policy')?.get('ceiling_refusals');
    expect(JSON.stringify(alert)).toContain('google_logging_metric.instance_ceiling_refusals.name');
    expect(alert?.notification_channels).toBe('${local.page_channels}');
  });

  it('are Cloud Run’s alone: no code of ours answers 429', () => {
    const answering429 = [...ownSources(join(root, 'shared')), ...ownSources(join(root, 'functions'))]
      .filter(([, text]) => /status:\s*429\b|\(429\b/.test(text))
      .map(([path]) => path);
    expect(answering429).toEqual([]);
  });
});
