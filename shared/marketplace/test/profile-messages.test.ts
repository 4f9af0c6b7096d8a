/**
 * `/c500 profile`: a buyer's orders (status, proof, a few Pay now links, the newest 25) and a
 * builder's workbench of paid orders to prove live or to ship.
 */
import { colors } from '../../discord';
import { profileMessage, withPreBids, type OrderToBuild, type ProfileOrderLine } from '../rules/profile-messages';
import type { MemberPreBid } from '../../shows';

const line = (n: number, over: Partial<ProfileOrderLine> = {}): ProfileOrderLine => ({
  orderId: `ord-${String(n).padStart(4, '0')}`,
  title: 'Lavender 65%',
  status: 'paid',
  builderName: 'Dee',
  amountLabel: '$240.00',
  ...over,
});
const payBy = '2026-11-25T12:30:00.000Z';
const unpaid = (n: number) => line(n, { status: 'awaiting payment', payUrl: `https://pay.example/${n}`, payBy });
const job = (n: number, status = 'paid'): OrderToBuild => ({ orderId: `job-${String(n).padStart(4, '0')}`, title: 'Teal TKL', status, buyerName: 'Bo' });

const fieldsOf = (orders: ProfileOrderLine[]) => profileMessage('Bo', orders).embeds?.[0]?.fields ?? [];
const hasPayLink = (orders: ProfileOrderLine[]) => fieldsOf(orders).map((f) => f.value.includes('[Pay now]'));

describe('a buyer’s /c500 profile', () => {
  it('says privately that there are no orders yet, with no embed', () => {
    const message = profileMessage('Bo', []);
    expect(message.flags).toBe(64);
    expect(message.content).toContain('Hi Bo! You have no orders yet.');
    expect(message.embeds).toBeUndefined();
  });

  it('lists each order under its title and price, mentioning nobody', () => {
    const message = profileMessage('Bo', [line(1)]);
    expect(message.flags).toBe(64);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds?.[0]).toMatchObject({ title: 'Bo’s orders', color: colors.mint });
    expect(message.embeds?.[0]?.footer).toBeUndefined();
    expect(fieldsOf([line(1)])).toEqual([{ name: 'Lavender 65% · $240.00', value: '`ord-0001` · **paid** · by Dee' }]);
  });

  it('links the order’s proof of work', () => {
    const proved = line(1, { proof: { kind: 'clip', url: 'https://clips.example/abc', searching: false } });
    expect(fieldsOf([proved])[0]?.value).toBe('`ord-0001` · **paid** · by Dee\nProof of work: [Clip of the proof](https://clips.example/abc)');
  });

  it('offers Pay now with the time the checkout lapses', () => {
    expect(fieldsOf([unpaid(1)])[0]?.value).toBe(
      `\`ord-0001\` · **awaiting payment** · by Dee\n[Pay now](https://pay.example/1) before <t:${Date.parse(payBy) / 1000}:t>`,
    );
  });

  it('offers Pay now only with both the link and its deadline', () => {
    expect(hasPayLink([line(1, { payUrl: 'https://pay.example/1' }), line(2, { payBy })])).toEqual([false, false]);
  });

  it('offers at most three Pay now links, counting only the orders that have one', () => {
    expect(hasPayLink([line(1), unpaid(2), unpaid(3), unpaid(4), unpaid(5)])).toEqual([false, true, true, true, false]);
  });

  it('shows the 25 newest orders and says how many there are in all', () => {
    const many = Array.from({ length: 26 }, (_, i) => line(i + 1));
    const embed = profileMessage('Bo', many).embeds?.[0];
    expect(embed?.fields).toHaveLength(25);
    expect(embed?.fields?.[24]?.value).toContain('ord-0025');
    expect(embed?.footer).toEqual({ text: 'Showing the 25 newest of 26 orders.' });
  });

  it('has no footer with exactly 25 orders', () => {
    const embed = profileMessage(
      'Bo',
      Array.from({ length: 25 }, (_, i) => line(i + 1)),
    ).embeds?.[0];
    expect(embed?.fields).toHaveLength(25);
    expect(embed?.footer).toBeUndefined();
  });

  it('says nothing of confirmation when the buyer marked it received', () => {
    const received = line(1, { status: 'shipped', shippedAt: payBy, receivedAt: payBy, receivedBy: 'buyer' });
    expect(fieldsOf([received])[0]?.value).not.toContain('(not confirmed)');
  });
});

describe('a builder’s workbench in /c500 profile', () => {
  it('shows only the workbench, privately and mentioning nobody, to a builder with no orders of their own', () => {
    expect(profileMessage('Dee', [], [job(1), job(2, 'building')])).toEqual({
      flags: 64,
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: 'On your workbench',
          color: colors.peach,
          description:
            '`job-0001` **Teal TKL** for Bo · prove it live: `/c500 live mode:order:job-0001`\n`job-0002` **Teal TKL** for Bo · building: `/c500 ship` when it leaves',
        },
      ],
    });
  });

  it('puts the workbench after the builder’s own orders', () => {
    const embeds = profileMessage('Dee', [line(1)], [job(1)]).embeds ?? [];
    expect(embeds.map((e) => e.title)).toEqual(['Dee’s orders', 'On your workbench']);
  });

  it('lists at most 20 orders to build', () => {
    const description =
      profileMessage(
        'Dee',
        [],
        Array.from({ length: 21 }, (_, i) => job(i + 1)),
      ).embeds?.[0]?.description ?? '';
    expect(description.split('\n')).toHaveLength(20);
    expect(description).not.toContain('job-0021');
  });
});

describe('a member’s pre-bids in /c500 profile', () => {
  const preBid = (n: number): MemberPreBid => ({
    showTitle: 'Friday keebs',
    channelId: '9000',
    lotNumber: n,
    item: `Lot item ${n}`,
    maxCents: 12_500 + n,
    currency: 'usd',
  });

  it('leaves the profile as it was when the member has no pre-bids', () => {
    const profile = profileMessage('Bo', [line(1)]);
    expect(withPreBids(profile, [])).toBe(profile);
  });

  it('adds a private embed after the orders listing each lot, its show, channel and maximum', () => {
    const profile = profileMessage('Bo', [line(1)]);
    const message = withPreBids(profile, [preBid(3)]);
    expect(message.flags).toBe(64);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds).toHaveLength(2);
    expect(message.embeds?.[0]).toEqual(profile.embeds?.[0]);
    expect(message.embeds?.[1]).toEqual({
      title: 'Your pre-bids',
      color: colors.peach,
      description: '**Lot item 3**: lot 3 of Friday keebs in <#9000>, up to **$125.03**',
      footer: { text: 'Placed for you when each lot opens. Change one with /bid lot:<n> max:<n> in the show’s channel; max:0 withdraws it.' },
    });
  });

  it('starts the embed list when the profile had none, one line a pre-bid, at most 20', () => {
    const profile = profileMessage('Bo', []);
    const message = withPreBids(
      profile,
      Array.from({ length: 22 }, (_, i) => preBid(i + 1)),
    );
    expect(message.content).toBe(profile.content);
    expect(message.embeds).toHaveLength(1);
    const lines = message.embeds?.[0]?.description?.split('\n') ?? [];
    expect(lines).toHaveLength(20);
    expect(lines[1]).toBe('**Lot item 2**: lot 2 of Friday keebs in <#9000>, up to **$125.02**');
    expect(lines.join('\n')).not.toContain('lot 21');
  });
});
