/**
 * @module pubsub-push-route
 * Where the Pub/Sub emulator pushes every subscription's messages under the production-clients
 * switch (`POST /_local/pubsub/push/<subscription>`): the body as a push subscription sends
 * it, answered with what the subscriber made of it (emulator-event-bus).
 */
import type express from 'express';
import type { EmulatorEventBus } from './emulator-event-bus';
import { pushRoutePrefix } from './emulator-pubsub-setup';

export function mountPubSubPushRoute(app: express.Express, bus: Pick<EmulatorEventBus, 'push'>): void {
  app.post(`${pushRoutePrefix}:subscription`, async (req, res) => {
    let body: unknown;
    try {
      body = JSON.parse((req as express.Request & { rawBody?: Buffer }).rawBody?.toString('utf8') ?? '');
    } catch {
      // Not JSON: the bus acknowledges it, as redelivering a malformed envelope cannot help.
      body = undefined;
    }
    res.status(await bus.push(String(req.params.subscription), req.headers, body)).end();
  });
}
