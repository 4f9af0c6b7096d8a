/**
 * The carrier's stand-in as `npm start` serves it: its `/_local/carrier` routes answer beside
 * Stripe's, with nothing bought yet and a tracking code nobody has refused.
 */
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

it('lists no shipments before any label is bought, and refuses to move a parcel nobody shipped', async () => {
  const list = await fetch(`${rt.url}/_local/carrier/shipments`);
  expect(await list.json()).toEqual({ shipments: [] });
  const moved = await fetch(`${rt.url}/_local/carrier/trackers/EZ0000000000/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"status":"delivered"}',
  });
  expect(moved.status).toBe(404);
});
