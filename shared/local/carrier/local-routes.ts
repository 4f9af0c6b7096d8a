/**
 * @module carrier/local-routes
 * The carrier's side a person (or a check) drives by hand: `GET /_local/carrier/shipments`
 * lists every shipment bought (id, order, rate, tracking code, label URL), and
 * `POST /_local/carrier/trackers/<tracking code>/status` with `{"status": …}` moves a parcel,
 * which makes the stand-in send its signed `tracker.updated` to the webhook. Labels open at
 * `GET /_local/carrier/labels/<shipment id>.png`.
 */
import type express from 'express';
import type { LocalCarrier } from './world';

/** The moves a person may make by hand, as the interface the checks use names them. */
export const handMoves = ['in_transit', 'out_for_delivery', 'delivered', 'return_to_sender'] as const;
type HandMove = (typeof handMoves)[number];

export function mountCarrierRoutes(app: express.Express, world: LocalCarrier): void {
  app.get('/_local/carrier/shipments', (_req, res) => {
    const shipments = world
      .listShipments()
      .filter((s) => s.postage_label && s.selected_rate)
      .map((s) => ({
        id: s.id,
        order: s.reference,
        rate: { carrier: s.selected_rate?.carrier, service: s.selected_rate?.service, amount: s.selected_rate?.rate, currency: s.selected_rate?.currency },
        trackingCode: s.tracking_code,
        labelUrl: s.postage_label?.label_url,
        status: s.status,
      }));
    res.json({ shipments });
  });
  app.post('/_local/carrier/trackers/:code/status', (req, res) => {
    const status = statusOf(req.body);
    if (!(handMoves as readonly unknown[]).includes(status)) {
      res.status(400).json({ error: `status must be one of ${handMoves.join(', ')}` });
      return;
    }
    const code = String(req.params.code);
    if (!world.trackerByCode(code)) {
      res.status(404).json({ error: `no tracker has the tracking code ${code}` });
      return;
    }
    const event = world.advance(code, status as HandMove);
    res.json({ event: event.id, trackingCode: code, status });
  });
  app.get('/_local/carrier/labels/:file', (req, res) => {
    const png = world.label(String(req.params.file).replace(/\.png$/, ''));
    if (!png) {
      res.status(404).json({ error: 'no label for that shipment' });
      return;
    }
    res.type('image/png').send(png);
  });
}

/** The runtime keeps every body raw (raw-body): the status is read from its JSON, or from a parsed body in a bare app. */
function statusOf(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return (body as { status?: unknown } | undefined)?.status;
  try {
    return (JSON.parse(body.toString('utf8')) as { status?: unknown } | null)?.status;
  } catch {
    return undefined;
  }
}
