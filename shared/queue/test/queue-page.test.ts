import { builderRecord } from '../rules/builder-record';
import { lineOf } from '../rules/queue-line';
import { publicPlaces, publicQueue, queueNotFoundHtml, queuePageHtml, recordSource } from '../rules/queue-page';
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

describe('the public queue page’s words', () => {
  const one = [placed(1, { title: 'Solo' }, { milestone: 'sound-test' })];
  const page = (orders = one, total = orders.length, record = builderRecord([])) =>
    queuePageHtml(publicQueue('811000000000000001', 'Juno', lineOf(orders, now), record, now), total);

  it('lists each place with its position, item, step and the day promised, the first marked as now', () => {
    expect(page()).toContain(`          <li class="place now">
            <span class="position">#1</span>
            <span class="item">Solo</span>
            <span class="step">Sound test</span>
            <span class="promise">Promised <time datetime="2026-12-13T12:00:00.000Z">December 13, 2026</time></span>
          </li>`);
  });

  it('names each step as people say it, and a place not started as waiting', () => {
    const steps = ['parts-in', 'assembly', 'done'] as const;
    const orders = [...steps.map((m, i) => placed(i + 1, {}, { milestone: m })), placed(9)];
    // `done` places are out of the line: only the first two and the waiting one show.
    const html = page(orders.map((o, i) => (i === 2 ? { ...o, commission: { ...o.commission!, ended: undefined } } : o)));
    for (const words of ['Parts in', 'Assembly', 'Done', 'Waiting to start']) expect(html).toContain(`<span class="step">${words}</span>`);
  });

  it('says a moved date was moved, and a late one was promised and is late', () => {
    const moved = placed(1, {}, { delay: { weeks: 1, reason: 'r', at: 'x', fromPromisedAt: 'y' } });
    expect(page([moved])).toContain('December 13, 2026</time> (moved once)</span>');
    const late = placed(1, {}, { promisedAt: '2026-11-20T00:00:00.000Z' });
    expect(page([late])).toContain('<li class="place late now">');
    expect(page([late])).toContain('Was promised <time datetime="2026-11-20T00:00:00.000Z">November 20, 2026</time> · <strong>late</strong></span>');
  });

  it('counts the line in words, one and several, and says an empty one is empty', () => {
    expect(page()).toContain('<p class="lede">1 build in line, oldest first. Each step is proven live on stream.</p>');
    expect(page([placed(1), placed(2)])).toContain('<p class="lede">2 builds in line, oldest first.');
    expect(page([], 0)).toContain('<p class="lede">Nobody is waiting: the line is empty.</p>');
    expect(page()).not.toContain('more in line');
  });

  it('says the record in figures, and that none is finished before the first', () => {
    expect(page(one, 1, { completed: 1, onTime: 1, onTimePercent: 100, medianLeadDays: 12 })).toContain(
      '<p class="record-figures">1 build done · 100% on time · median 12 days from payment to done</p>',
    );
    expect(page(one, 1, { completed: 3, onTime: 2, onTimePercent: 67, medianLeadDays: 30.5 })).toContain('3 builds done · 67% on time');
    expect(page()).toContain('<p class="record-figures">No commission finished on C500 yet.</p>');
  });

  it('opens with the site’s own header, as every page of the site does', () => {
    expect(page()).toContain('<header class="site-header">');
    expect(page()).toContain('<a class="brand" href="/">');
    expect(queueNotFoundHtml()).toContain('<header class="site-header">');
  });

  it('is titled with the builder’s name and dressed in the queue’s stylesheet', () => {
    expect(page()).toContain('<title>Juno’s queue · C500 Collective</title>');
    expect(page()).toContain('<link rel="stylesheet" href="/queue.css">');
    expect(page()).toContain('<h1>Juno’s commission queue</h1>');
  });

  it('says an unknown queue is not there, in the site’s page', () => {
    expect(queueNotFoundHtml()).toContain('<h1>No such queue</h1>');
    expect(queueNotFoundHtml()).toContain('<title>No such queue · C500 Collective</title>');
  });
});
