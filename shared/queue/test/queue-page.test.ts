import { builderRecord } from '../rules/builder-record';
import { lineOf } from '../rules/queue-line';
import { publicPlaces, publicQueue, queuePageHtml, recordSource } from '../rules/queue-page';
import { placed } from './queue-fixtures';

const now = new Date('2026-12-01T00:00:00Z');
const orders = [
  placed(1, { buyerName: 'Secret Name', title: 'Board <script>' }, { milestone: 'parts-in' }),
  placed(2, {}, { promisedAt: '2026-11-20T00:00:00.000Z' }),
];
const queue = publicQueue('811000000000000001', 'Builder', lineOf(orders, now), builderRecord(orders), now);

describe('the public queue page', () => {
  it('carries each place’s position, item, milestone and promise, and nothing that names a buyer or an order', () => {
    expect(queue.places[0]).toEqual({
      position: 1,
      title: 'Board <script>',
      milestone: 'parts-in',
      promisedAt: '2026-12-13T12:00:00.000Z',
      late: false,
      delayed: false,
    });
    const json = JSON.stringify(queue);
    for (const secret of ['Secret Name', 'buyer1', 'order1', 'ch_1', 'g1']) expect(json).not.toContain(secret);
  });

  it('says where the record comes from', () => {
    expect(queue.record.source).toBe(recordSource);
    expect(queuePageHtml(queue, 2)).toContain('Computed from C500’s own orders');
  });

  it('escapes what builders typed, and marks the late place', () => {
    const html = queuePageHtml(queue, 2);
    expect(html).toContain('Board &lt;script&gt;');
    expect(html).not.toContain('Board <script>');
    expect(html).toMatch(/class="place late"[\s\S]*Was promised/);
  });

  it('lists at most a hundred places and counts the rest', () => {
    const long = Array.from({ length: 120 }, (_, i) => placed(i + 1));
    const big = publicQueue('811000000000000001', 'Builder', lineOf(long, now), builderRecord(long), now);
    expect(big.places).toHaveLength(publicPlaces);
    expect(queuePageHtml(big, 120)).toContain('…and 20 more in line.');
  });
});
