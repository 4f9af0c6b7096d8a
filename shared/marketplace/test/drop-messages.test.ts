/**
 * The public drop post (price, builder, what is left, the Buy Now button) and what a builder
 * or buyer is told about a drop: posted, refused, sold out, or a checkout to pay.
 */
import { colors } from '../../discord';
import type { Drop } from '../rules/drop';
import { buyRefusals, checkoutReady, dropPost, dropPosted, dropRefusals } from '../rules/drop-messages';

const drop = (over: Partial<Drop> = {}): Drop => ({
  dropId: 'drop-0001',
  guildId: '900000000000000001',
  builderId: '810000000000000001',
  builderName: 'Dee',
  title: 'Lavender 65%',
  description: 'Oil Kings, PBT caps',
  priceCents: 24_000,
  currency: 'usd',
  kind: 'ready-to-ship',
  stock: 3,
  stockAvailable: 2,
  channelId: '920000000000000002',
  createdAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

const embedOf = (d: Drop) => dropPost(d).embeds?.[0];
const availabilityOf = (d: Drop) => embedOf(d)?.fields?.find((f) => f.name === 'Availability')?.value;

describe('the public drop post', () => {
  it('shows the title, description, price, builder and how many are left, mentioning nobody', () => {
    const post = dropPost(drop());
    expect(post.allowed_mentions).toEqual({ parse: [] });
    expect(post.embeds).toEqual([
      {
        title: 'Lavender 65%',
        description: 'Oil Kings, PBT caps',
        color: colors.peach,
        fields: [
          { name: 'Price', value: '$240.00', inline: true },
          { name: 'Builder', value: '<@810000000000000001>', inline: true },
          { name: 'Availability', value: 'Ready to ship: 2 of 3 left' },
        ],
        footer: { text: expect.stringContaining('Stripe') },
      },
    ]);
  });

  it('offers an enabled green Buy Now button naming the drop while any are left', () => {
    expect(dropPost(drop()).components).toEqual([
      { type: 1, components: [{ type: 2, style: 3, label: 'Buy Now', custom_id: 'buy:drop-0001', disabled: false }] },
    ]);
  });

  it('turns rose with a greyed, disabled Sold out button once none are left', () => {
    const soldOut = drop({ stockAvailable: 0 });
    expect(embedOf(soldOut)?.color).toBe(colors.rose);
    expect(availabilityOf(soldOut)).toBe('Sold out (3 made)');
    expect(dropPost(soldOut).components).toEqual([
      { type: 1, components: [{ type: 2, style: 2, label: 'Sold out', custom_id: 'buy:drop-0001', disabled: true }] },
    ]);
  });

  it('describes a commission as built to order, never sold out', () => {
    const commission = drop({ kind: 'commission', stock: undefined, stockAvailable: undefined });
    expect(availabilityOf(commission)).toBe('Commission: built to order, live on stream');
    expect(embedOf(commission)?.color).toBe(colors.peach);
    expect(dropPost(commission).components).toEqual([
      { type: 1, components: [{ type: 2, style: 3, label: 'Buy Now', custom_id: 'buy:drop-0001', disabled: false }] },
    ]);
  });

  it('shows the drop’s photo only when it has one', () => {
    expect(embedOf(drop({ imageUrl: 'https://example.com/a.jpg' }))?.image).toEqual({ url: 'https://example.com/a.jpg' });
    expect(embedOf(drop())).not.toHaveProperty('image');
  });
});

describe('what the builder and buyers are told about a drop', () => {
  it('tells the builder where the drop went up, privately', () => {
    const note = dropPosted(drop());
    expect(note.flags).toBe(64);
    expect(note.content).toContain('**Lavender 65%** is up in <#920000000000000002>');
  });

  it('lists every problem of a refused drop as its own bullet', () => {
    const content = dropRefusals.invalid(['**Title**: too long.', '**Kind**: how many?']).content ?? '';
    expect(content).toContain('/c500 drop');
    expect(content.endsWith(':\n• **Title**: too long.\n• **Kind**: how many?')).toBe(true);
  });

  it('tells a buyer a sold-out drop’s title and how many were claimed', () => {
    expect(buyRefusals.soldOut(drop({ stockAvailable: 0 })).content).toContain('**Lavender 65%** is sold out: all 3 are claimed');
  });
});

describe('the checkout link a buyer gets', () => {
  const expiresAt = '2026-11-25T12:30:00.000Z';
  const until = `<t:${Date.parse(expiresAt) / 1000}:t>`;

  it('holds a reserved item until the checkout lapses, with a Pay button for the amount', () => {
    const message = checkoutReady('Lavender 65%', '$240.00', 'https://pay.example/s1', expiresAt, true);
    expect(message.flags).toBe(64);
    expect(message.content).toBe(`**Lavender 65%** is held for you until ${until}. Pay $240.00 with Stripe to make it yours.`);
    expect(message.components).toEqual([{ type: 1, components: [{ type: 2, style: 5, label: 'Pay $240.00', url: 'https://pay.example/s1' }] }]);
  });

  it('says when an unreserved checkout closes, and adds how it is shipped on its own line', () => {
    const message = checkoutReady('Lavender 65%', '$240.00', 'https://pay.example/s1', expiresAt, false, 'Shipping is added at checkout.');
    expect(message.content).toBe(`Your checkout for **Lavender 65%** ($240.00) is open until ${until}.\nShipping is added at checkout.`);
  });
});

describe('a commission queue’s post', () => {
  const terms = {
    slots: 3,
    leadWeeks: 6,
    oneAtATime: false,
    tranches: [] as Array<{ milestone: 'parts-in' | 'assembly' | 'sound-test' | 'done'; percent: number }>,
  };
  const queue = (over: Partial<Drop> = {}, t: Partial<typeof terms> = {}) =>
    drop({ kind: 'commission', stock: 3, stockAvailable: 2, commission: { ...terms, ...t }, ...over });

  it('says how many slots are open, the lead time, and that the builder is paid at done', () => {
    expect(availabilityOf(queue())).toBe(
      'Commission queue: 2 of 3 slots open; each built within 6 weeks of paying. The builder is paid when it is done, proven live. Late past the promised date? You can cancel for a refund of what was not released.',
    );
  });

  it('says one slot and one week in the singular, and one at a time', () => {
    expect(availabilityOf(queue({ stock: 1, stockAvailable: 1 }, { slots: 1, leadWeeks: 1, oneAtATime: true }))).toMatch(
      /^Commission queue: 1 of 1 slot open; each built within 1 week of paying, one at a time after the place before it\./,
    );
  });

  it('names the parts paid at milestones, leaving done and empty parts out', () => {
    const t = {
      tranches: [
        { milestone: 'parts-in' as const, percent: 30 },
        { milestone: 'assembly' as const, percent: 20 },
        { milestone: 'done' as const, percent: 50 },
      ],
    };
    expect(availabilityOf(queue({}, t))).toContain('The builder is paid 30% at parts-in, 20% at assembly and the rest at done, each step proven live.');
    const nothingBefore = { tranches: [{ milestone: 'done' as const, percent: 100 }] };
    expect(availabilityOf(queue({}, nothingBefore))).toContain('The builder is paid when it is done');
  });

  it('says every slot is taken, and where the line is, when none is open', () => {
    expect(availabilityOf(queue({ stockAvailable: 0 }))).toMatch(/^Commission queue: All 3 slots are taken: `\/c500 queue builder:` shows the builder’s line;/);
    expect(availabilityOf(queue({ stock: 1, stockAvailable: 0 }, { slots: 1 }))).toMatch(/^Commission queue: All 1 slot is taken:/);
    expect(dropPost(queue({ stockAvailable: 0 })).components).toEqual([
      { type: 1, components: [{ type: 2, style: 2, label: 'Sold out', custom_id: 'buy:drop-0001', disabled: true }] },
    ]);
  });

  it('tells a buyer who came too late that the slots are taken and how to see the line', () => {
    expect(buyRefusals.soldOut(queue({ stockAvailable: 0 })).content).toBe(
      '**Lavender 65%** is sold out: all 3 slots in the queue are taken. A slot comes back if a checkout expires unpaid or a buyer cancels; try Buy Now again later, and see the line with `/c500 queue builder:@Dee`.',
    );
  });
});
