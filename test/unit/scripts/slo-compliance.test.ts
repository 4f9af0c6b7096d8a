/**
 * What `npm run soak` and `npm run bench:auction` print at their end: each SLO of
 * terraform/slos.tf over a run's own lines, by metrics.tf's filters read from the .tf files.
 */
import { complianceOf, complianceTable, loadTerraformSlos, type TerraformSlos } from '../../../scripts/slo/terraform-slos';
import { logEntryOf } from '../../../scripts/slo/logging-filter';
import { terraformDir } from '../../support/terraform';

const answered = (fn: string, status: number, ms: number) =>
  logEntryOf({ severity: 'INFO', message: 'answered', event: 'http.answered', function: fn, status, ms });

describe('each SLO’s compliance over a run’s lines', () => {
  let tf: TerraformSlos;
  beforeAll(async () => {
    tf = await loadTerraformSlos(terraformDir);
  });

  it('reads the SLOs with their goals from terraform', () => {
    expect(tf.slos.map((s) => [s.name, s.goal]).sort()).toEqual([
      ['bids', 0.999],
      ['carrier_signatures', 0.999],
      ['discord_signatures', 0.999],
      ['interaction_latency', 0.995],
      ['interactions', 0.995],
      ['kofi_signatures', 0.999],
      ['receipts', 0.99],
      ['releases', 0.99],
      ['shopify_signatures', 0.999],
      ['stripe_signatures', 0.999],
      ['twitch_signatures', 0.999],
      ['webhooks', 0.99],
    ]);
  });

  it('GIVEN interactions over and under 3 s, webhooks answered 2xx, 500 and 401 (a refused signature, counted by no webhook SLO), a receipt owed and told late, and no release THEN it counts each by its own filter', () => {
    const lines = [
      answered('discordInteractions', 200, 40),
      answered('discordInteractions', 200, 3000),
      answered('discordInteractions', 200, 3001),
      answered('stripeWebhook', 200, 3),
      answered('twitchWebhook', 401, 1),
      answered('kofiWebhook', 500, 1),
      // Not a webhook: the dashboard's answers count in neither SLO.
      answered('dashboard', 500, 9),
      logEntryOf({ severity: 'INFO', message: 'receipt owed', event: 'receipt.owed', eventId: 'evt_1', bundled: false }),
      logEntryOf({ severity: 'INFO', message: 'DM told', event: 'dm.told', fact: 'receipt', outcome: 'sent', ms: 70_000 }),
      logEntryOf({ severity: 'INFO', message: 'DM told', event: 'dm.told', fact: 'new-order', outcome: 'sent' }),
    ];
    const byName = Object.fromEntries(complianceOf(tf, lines).map((c) => [c.slo.name, [c.good, c.total]]));
    expect(byName).toEqual({
      interactions: [3, 3],
      interaction_latency: [2, 3],
      webhooks: [1, 2],
      bids: [0, 0],
      receipts: [0, 1],
      releases: [0, 0],
      // No line here carries a signature's shape: every signed ingress's SLO has no events.
      discord_signatures: [0, 0],
      stripe_signatures: [0, 0],
      twitch_signatures: [0, 0],
      carrier_signatures: [0, 0],
      kofi_signatures: [0, 0],
      shopify_signatures: [0, 0],
    });
    const table = complianceTable(complianceOf(tf, lines));
    expect(table).toContain('| Interactions answered 2xx inside 3 s | 99.50 % | 2 / 3 | 66.67 % | MISSED |');
    expect(table).toContain("| A proof's release sent within 10 minutes | 99.00 % | 0 / 0 | — | no events |");
  });
});
