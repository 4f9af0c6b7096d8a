/**
 * The `/c500 drop` modal as a builder sees it, and the edges of what it accepts: lengths,
 * the lowest price, how a kind and its stock may be typed, and the image link.
 */
import { dropModal, readDropForm, type DropFormResult } from '../rules/drop-form';
import { modalValues } from '../../discord';

const good = { title: 'Lavender 65%', description: 'Oil Kings, PBT caps', price: '240.50', kind: 'commission', image: '' };
const problemsOf = (result: DropFormResult): string[] => (result.ok ? [] : result.problems);
const kindOf = (kind: string) => readDropForm({ ...good, kind }, 'usd');

describe('the drop modal', () => {
  it('asks for a title, description, price and kind, and an optional https image, each with its limit and an example', () => {
    const input = (custom_id: string, label: string, extra: Record<string, unknown>) => ({
      type: 1,
      components: [{ type: 4, custom_id, label, style: 1, required: true, ...extra }],
    });
    expect(dropModal()).toEqual({
      custom_id: 'drop:create',
      title: 'New drop',
      components: [
        input('title', 'Title', { max_length: 80, placeholder: 'Lavender 65% with Oil Kings' }),
        input('description', 'Description', { style: 2, max_length: 1000, placeholder: 'Case, plate, switches, keycaps, what makes it special' }),
        input('price', 'Price', { max_length: 12, placeholder: '240 or 240.50 (the server’s currency)' }),
        input('kind', 'Kind: commission or ready-to-ship', {
          style: 2,
          max_length: 120,
          placeholder: 'ready-to-ship 3, or commission 3 slots 6 weeks 30% at parts-in',
        }),
        input('image', 'Image URL (optional)', { required: false, max_length: 500, placeholder: 'https://…/photo.jpg' }),
      ],
    });
  });
});

describe('reading a submitted modal', () => {
  it('skips empty slots and inputs without both an id and a text value', () => {
    const components = [
      null,
      { type: 1, components: [{ custom_id: 'title' }, { value: 'orphan' }, { custom_id: 'price', value: 5 }, { custom_id: 'kind', value: 'rts 2' }] },
    ];
    expect(modalValues(components)).toStrictEqual({ kind: 'rts 2' });
  });
});

describe('the edges of a drop', () => {
  it('asks for every missing input, showing an empty kind and price as blanks', () => {
    const problems = problemsOf(readDropForm({}, 'usd'));
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^\*\*Title\*\*/);
    expect(problems[1]).toMatch(/^\*\*Description\*\*/);
    expect(problems[2]).toContain('**Price**: `\u0020` isn’t an amount');
    expect(problems[3]).toContain('**Kind**: `\u0020` isn’t a kind');
  });

  it('accepts a title of 80 characters and a description of 1,000, but not one more', () => {
    expect(readDropForm({ ...good, title: 'T'.repeat(80), description: 'D'.repeat(1000) }, 'usd').ok).toBe(true);
    const problems = problemsOf(readDropForm({ ...good, title: 'T'.repeat(81), description: 'D'.repeat(1001) }, 'usd'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^\*\*Title\*\*/);
    expect(problems[1]).toMatch(/^\*\*Description\*\*/);
  });

  it('accepts exactly the lowest price Stripe can charge', () => {
    const result = readDropForm({ ...good, price: '0.50' }, 'usd');
    expect(result.ok && result.draft.priceCents).toBe(50);
  });

  it('keeps a commission without any stock', () => {
    expect(kindOf('commission')).toStrictEqual({
      ok: true,
      draft: { title: 'Lavender 65%', description: 'Oil Kings, PBT caps', priceCents: 24050, kind: 'commission' },
    });
  });

  it.each([
    ['  commission  ', 'commission'],
    ['made—to—order', 'commission'],
  ])('reads %p as a commission', (kind, expected) => {
    const result = kindOf(kind);
    expect(result.ok && result.draft.kind).toBe(expected);
  });

  it.each([
    ['ready–to–ship 3', 3],
    ['ready 1', 1],
    ['rts 999', 999],
    ['ready-to-ship 12', 12],
  ])('reads %p as that many ready to ship', (kind, stock) => {
    const result = kindOf(kind);
    expect(result.ok && result.draft.stock).toBe(stock);
  });

  it.each(['no commission', 'not ready 3', 'ready 3 4'])('does not take %p for a kind', (kind) => {
    expect(problemsOf(kindOf(kind))).toEqual([
      `**Kind**: \`${kind}\` isn’t a kind. Type \`commission 3 slots 6 weeks\` (three buyers, each built within six weeks of paying), \`commission\` (built to order, no queue) or \`ready-to-ship 3\` (three in stock).`,
    ]);
  });

  it('keeps every input of the modal within Discord’s limits: a label of 45 characters, a placeholder of 100', () => {
    const inputs = dropModal().components.flatMap((row) => (row as { components: Array<{ label: string; placeholder?: string }> }).components);
    for (const input of inputs) {
      expect(input.label.length).toBeLessThanOrEqual(45);
      expect((input.placeholder ?? '').length).toBeLessThanOrEqual(100);
    }
  });

  it('asks a commission with a number but no slots how many buyers it takes', () => {
    expect(problemsOf(kindOf('commission 3'))).toEqual([
      expect.stringMatching(/^\*\*Kind\*\*: how many buyers does it take\? Type `commission 3 slots 6 weeks`/),
    ]);
  });

  it('reads a commission’s queue terms from the kind field', () => {
    const read = readDropForm({ ...good, kind: 'Commission 3 slots 6 weeks one at a time 30% at parts-in' }, 'usd');
    expect(read.ok && read.draft).toMatchObject({
      kind: 'commission',
      commission: {
        slots: 3,
        leadWeeks: 6,
        oneAtATime: true,
        tranches: [
          { milestone: 'parts-in', percent: 30 },
          { milestone: 'done', percent: 70 },
        ],
      },
    });
  });

  it('says what is wrong with a commission’s terms under Kind', () => {
    expect(problemsOf(kindOf('commission 3 slots 6 weeks 30% at painting'))).toEqual([expect.stringMatching(/^\*\*Kind\*\*: `painting` isn’t a milestone/)]);
  });

  it('quotes a mistyped kind trimmed and cut to 30 characters', () => {
    expect(problemsOf(kindOf('  auction  '))[0]).toContain('`auction` isn’t a kind');
    expect(problemsOf(kindOf('x'.repeat(40)))[0]).toContain(`\`${'x'.repeat(30)}\` isn’t a kind`);
  });

  it.each(['ready-to-ship a3', 'ready-to-ship 3a'])('refuses the stock of %p, which is not a whole number', (kind) => {
    expect(problemsOf(kindOf(kind))[0]).toContain('stock must be a whole number from 1 to 999');
  });

  it('keeps the image link without the spaces around it', () => {
    const result = readDropForm({ ...good, image: '  https://example.com/a.jpg  ' }, 'usd');
    expect(result.ok && result.draft.imageUrl).toBe('https://example.com/a.jpg');
  });

  it('refuses an image that is not a link at all', () => {
    expect(problemsOf(readDropForm({ ...good, image: 'my photo' }, 'usd'))).toEqual([
      '**Image URL**: use a link that starts with `https://`, or leave it empty.',
    ]);
  });
});
