/**
 * The last hour of a server's show, as its admins read it (show-pulse, show-page): answers
 * inside 3 s, bids accepted and refused by reason, minute by minute, and the releases waiting.
 */
import { showPulseOf } from '../rules/show-pulse';
import { showPage } from '../rules/pages/show-page';
import type { MinuteTally } from '../../ports';
import { anOrder } from './dashboard-fixtures';

const now = Date.parse('2026-11-21T12:00:00.000Z');
const minute = (minutesAgo: number, counts: Record<string, number>): MinuteTally => ({ minuteMs: now - minutesAgo * 60_000, counts });
const frame = { title: 'Keebs: show', section: 'guild' as const };
const keebs = { id: '900000000000000001', name: 'Keebs' };

describe('the last hour of a show', () => {
  it('counts the answers inside 3 s out of every answer, in whole percent rounded down', () => {
    const pulse = showPulseOf([minute(5, { answered: 3, 'answered-late': 1, leading: 2, 'too-low': 1 })], [], now);
    expect(pulse).toMatchObject({ answered: 3, insideDeadline: 2, insidePercent: 66 });
  });

  it('says nothing was answered rather than a percent of nothing', () => {
    expect(showPulseOf([], [], now).insidePercent).toBeUndefined();
  });

  it('splits bids into accepted and refused by reason, most first, across the hour', () => {
    const pulse = showPulseOf(
      [minute(30, { answered: 4, leading: 1, 'too-low': 2, closed: 1 }), minute(2, { answered: 3, outbid: 1, 'raised-max': 1, 'too-low': 1 })],
      [],
      now,
    );
    expect(pulse.accepted).toEqual([
      { outcome: 'leading', count: 1 },
      { outcome: 'outbid', count: 1 },
      { outcome: 'raised-max', count: 1 },
    ]);
    expect(pulse.refused).toEqual([
      { reason: 'too-low', count: 3 },
      { reason: 'closed', count: 1 },
    ]);
  });

  it('leaves out minutes older than the hour and gives each minute its own totals, oldest first', () => {
    const pulse = showPulseOf(
      [minute(1, { answered: 2, leading: 1, slow: 1 }), minute(61, { answered: 9, leading: 9 }), minute(59, { answered: 1, 'too-low': 1 })],
      [],
      now,
    );
    expect(pulse.answered).toBe(3);
    expect(pulse.minutes).toEqual([
      { minuteMs: now - 59 * 60_000, answered: 1, late: 0, accepted: 0, refused: 1 },
      { minuteMs: now - 60_000, answered: 2, late: 0, accepted: 1, refused: 1 },
    ]);
  });

  it('lists proved orders whose release has not gone out, with why, and not those released', () => {
    const proved = { status: 'building' as const, proof: { url: 'u', provedAt: '2026-11-21T11:50:00.000Z' } };
    const pulse = showPulseOf(
      [],
      [
        anOrder({ orderId: 'released', ...proved, payouts: { builder: { transferId: 'tr_1' } } }),
        anOrder({ orderId: 'disputed', ...proved, dispute: { disputeId: 'dp_1', state: 'open', amountCents: 24_000, reason: 'fraudulent', openedAt: 't' } }),
        anOrder({ orderId: 'refused', ...proved, lastReleaseRefusal: 'Insufficient funds in Stripe account' }),
        anOrder({ orderId: 'waiting', ...proved, proof: { url: 'u', provedAt: '2026-11-21T11:40:00.000Z' } }),
      ],
      now,
    );
    expect(pulse.releasesWaiting.map((r) => [r.orderId, r.why])).toEqual([
      ['waiting', 'not-sent'],
      ['disputed', 'disputed'],
      ['refused', 'refused'],
    ]);
    expect(pulse.releasesWaiting.find((r) => r.orderId === 'refused')).toMatchObject({ dueCents: 21_600, detail: 'Insufficient funds in Stripe account' });
  });
});

describe('the show page', () => {
  it('shows the answers inside 3 s, each reason in words, and the releases waiting', () => {
    const pulse = showPulseOf(
      [minute(3, { answered: 4, 'answered-late': 1, leading: 2, 'slow-down': 2 })],
      [anOrder({ orderId: 'o-wait', title: 'Tofu <65>', status: 'building' })],
      now,
    );
    const html = showPage(frame, keebs, pulse);
    expect(html).toContain('3 of 4 bids answered inside 3 s (75 %)');
    expect(html).toContain('Took the lead');
    expect(html).toContain('Too fast (cooldown)');
    expect(html).toContain('Tofu &lt;65&gt;');
    expect(html).toContain('Not sent yet');
  });

  it('says the book did not answer instead of showing an empty hour as a quiet one', () => {
    const html = showPage(frame, keebs, showPulseOf([], [], now), false);
    expect(html).toContain('The auction book did not answer');
    expect(html).not.toContain('No bids were answered');
  });
});
