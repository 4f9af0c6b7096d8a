import { dropModal, readDropForm } from '../rules/drop-form';
import { modalValues } from '../../discord';

const good = { title: 'Lavender 65%', description: 'Oil Kings, PBT caps', price: '240.50', kind: 'ready-to-ship 3', image: 'https://example.com/a.jpg' };

describe('the drop form', () => {
  it('has five inputs, the most a Discord modal holds', () => {
    expect(dropModal().components).toHaveLength(5);
  });

  it('reads the values of a submitted modal in action rows or labels', () => {
    const components = [
      { type: 1, components: [{ type: 4, custom_id: 'title', value: 'A' }] },
      { type: 18, component: { type: 4, custom_id: 'price', value: '5' } },
    ];
    expect(modalValues(components)).toEqual({ title: 'A', price: '5' });
  });

  it('accepts a ready-to-ship drop with its stock', () => {
    expect(readDropForm(good, 'usd')).toEqual({
      ok: true,
      draft: {
        title: 'Lavender 65%',
        description: 'Oil Kings, PBT caps',
        priceCents: 24050,
        kind: 'ready-to-ship',
        stock: 3,
        imageUrl: 'https://example.com/a.jpg',
      },
    });
  });

  it.each(['commission', 'Commission', 'made to order'])('accepts %p as a commission without stock', (kind) => {
    const result = readDropForm({ ...good, kind, image: '' }, 'usd');
    expect(result).toEqual({ ok: true, draft: { title: 'Lavender 65%', description: 'Oil Kings, PBT caps', priceCents: 24050, kind: 'commission' } });
  });

  it.each(['rts 2', 'ready 2', 'Ready-To-Ship: 2', 'ready to ship x2'])('reads %p as two ready to ship', (kind) => {
    const result = readDropForm({ ...good, kind }, 'usd');
    expect(result.ok && result.draft.stock).toBe(2);
  });

  it('reports every problem at once, each with what to type', () => {
    const result = readDropForm({ title: '', description: '', price: '12.345', kind: 'ready-to-ship', image: 'http://insecure' }, 'usd');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(5);
      expect(result.problems.join('\n')).toMatch(/Title.*\n.*Description.*\n.*Price.*two decimals.*\n.*Kind.*how many.*\n.*Image URL.*https/);
    }
  });

  it.each([
    ['ready-to-ship 0', 'from 1 to 999'],
    ['ready-to-ship 1000', 'from 1 to 999'],
    ['auction', 'isn’t a kind'],
  ])('refuses the kind %p', (kind, why) => {
    const result = readDropForm({ ...good, kind }, 'usd');
    expect(!result.ok && result.problems.join()).toContain(why);
  });

  it('refuses a price under what Stripe can charge', () => {
    const result = readDropForm({ ...good, price: '0.49' }, 'usd');
    expect(!result.ok && result.problems.join()).toContain('0.50');
  });
});
