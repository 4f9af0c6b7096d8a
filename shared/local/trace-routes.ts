/**
 * @module trace-routes
 * Local only: one trace's lines, as Logs Explorer shows a trace query in production.
 * `GET /_local/trace/:traceId`; `GET /_local/traces?interaction=<id>` (or `stripeEvent=`,
 * `twitchMessage=`) finds the trace an outside event began. Both answer `{ traceId, entries }`.
 */
import type express from 'express';
import { traceLookups, type TraceJournal, type TraceLookup } from './trace-journal';

export function mountTraceRoutes(app: express.Express, journal: TraceJournal): void {
  app.get('/_local/trace/:traceId', (req, res) => {
    const found = journal.trace(String(req.params.traceId).toLowerCase());
    if (!found) return void res.status(404).json({ error: 'no such trace here (only the last traces are kept, in this runtime’s memory)' });
    res.json(found);
  });
  app.get('/_local/traces', (req, res) => {
    const lookup = (Object.keys(traceLookups) as TraceLookup[]).find((name) => typeof req.query[name] === 'string');
    if (!lookup)
      return void res.status(400).json({
        error: `name the event: ${Object.keys(traceLookups)
          .map((name) => `?${name}=<id>`)
          .join(', ')}`,
      });
    const traceId = journal.traceOf(lookup, String(req.query[lookup]));
    const found = traceId === undefined ? undefined : journal.trace(traceId);
    if (!found) return void res.status(404).json({ error: `no trace here began with that ${lookup}` });
    res.json(found);
  });
}
