/**
 * The platform's result on the dashboard: its routes (a server's admins' page and CSV), and
 * the page and CSV drawn from payments' `platformResults`.
 */
import { matchRoute } from '../routes';
import { resultCsv, resultPage } from '../rules/pages/result-page';
import { emptyResult } from '../../payments/rules/platform-result';
import type { PlatformResults } from '../../payments';

const GUILD = '900000000000000001';
const result = { ...emptyResult(), applicationFeeCents: 1_000, processingFeeCents: 343, netCents: 657 };
const results: PlatformResults = {
  currency: 'usd',
  orders: [{ orderId: 'k3v9m2qa', showId: 'show0001', month: '2026-11', result }],
  shows: [{ showId: 'show0001', result }],
  months: [{ month: '2026-11', result }],
  total: result,
};
const frame = { title: 'Result', section: 'guild' as const };

describe('the platform’s result on the dashboard', () => {
  it('answers a server’s result page and its CSV, GET only', () => {
    expect(matchRoute('GET', `/dashboard/guild/${GUILD}/result`)).toEqual({ ok: true, route: { page: 'guild-result', guildId: GUILD } });
    expect(matchRoute('GET', `/dashboard/guild/${GUILD}/result.csv`)).toEqual({ ok: true, route: { page: 'guild-export', guildId: GUILD, export: 'result' } });
    expect(matchRoute('POST', `/dashboard/guild/${GUILD}/result`)).toMatchObject({ ok: false, status: 405 });
    expect(matchRoute('GET', '/dashboard/guild/not-a-guild/result')).toMatchObject({ ok: false, status: 404 });
  });

  it('shows each month, show and order with the net, and links the CSV', () => {
    const html = resultPage(frame, GUILD, results);
    expect(html).toContain('$6.57');
    expect(html).toContain('$3.43');
    expect(html).toContain(`/dashboard/guild/${GUILD}/result.csv`);
    expect(html).toContain('/dashboard/orders/k3v9m2qa');
  });

  it('links the server’s money check, the reconciliation page an admin reads', () => {
    expect(resultPage(frame, GUILD, results)).toContain(`href="/dashboard/guild/${GUILD}/reconciliation"`);
  });

  it('writes one CSV line per order, amounts in the major unit', () => {
    expect(resultCsv(results).split('\n')).toEqual([
      'order,show,month,currency,applicationFee,processingFee,refundFeeKept,disputeFee,disputeLoss,debtLoss,debtOutstanding,debtNetted,debtPaidOutside,debtWrittenOff,net',
      'k3v9m2qa,show0001,2026-11,usd,10.00,3.43,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,6.57',
      '',
    ]);
  });
});
