import { announced, dropHype, hangoutAnnouncement, liveRefusals, ordersVerified, type OrderOutcome, type OrderRefusal } from '../rules/live-messages';
import type { ProofView } from '../../payments';

const stream = 'https://twitch.tv/lavenderkeebs';
const clip: ProofView = { kind: 'clip', url: 'https://clips.twitch.tv/FakeClip', searching: false };
const said = (outcomes: OrderOutcome[]) => ordersVerified(outcomes, stream).content ?? '';
const refusedLine = (refusal: OrderRefusal | undefined, detail?: string) =>
  said([{ orderId: 'o1', ok: false, ...(refusal ? { refusal } : {}), ...(detail !== undefined ? { detail } : {}) }]).split('\n')[1];

describe('the builder’s answer to /c500 live', () => {
  it.each<[OrderRefusal, string]>([
    ['not-found', 'no such order'],
    ['not-yours', 'not one of your orders'],
    ['not-paid', 'not paid yet'],
    ['refunded', 'refunded'],
    ['expired', 'checkout expired unpaid'],
    ['already-verified', 'already verified on stream earlier'],
    ['shipped', 'already shipped'],
    ['dispute-lost', 'the buyer’s dispute was lost: the bank returned the payment, so there is nothing to release'],
  ])('explains a %s refusal in words the builder can act on', (refusal, words) => {
    expect(refusedLine(refusal)).toBe(`✖️ \`o1\`: ${words}`);
  });

  it('says no such order when a refused order carries no reason', () => {
    expect(refusedLine(undefined)).toBe('✖️ `o1`: no such order');
  });

  it('quotes Stripe’s reason for a refused release on one line, cut to 80 characters', () => {
    const reason = `Your  account\n\tcannot   receive ${'x'.repeat(100)}`;
    const why = `Your account cannot receive ${'x'.repeat(100)}`.slice(0, 80);
    expect(refusedLine('release-refused', reason)).toBe(`✖️ \`o1\`: Stripe refused the release; still paid, buyer not told (“${why}”)`);
  });

  it('says a refused release without Stripe’s reason plainly, with no empty quote', () => {
    expect(refusedLine('release-refused')).toBe('✖️ `o1`: Stripe refused the release; still paid, buyer not told');
  });

  it('never quotes a detail that came with another refusal than a refused release', () => {
    expect(refusedLine('refunded', 'charge refunded by the bank')).toBe('✖️ `o1`: refunded');
  });

  it('tells the builder when a disputed order’s evidence is due and how to add a note', () => {
    const due = `due 2026-12-01 ${'y'.repeat(60)}`;
    expect(refusedLine('disputed', due)).toBe(
      `✖️ \`o1\`: proof recorded, but the buyer disputed the payment: nothing is released while the dispute is open; it goes out if the dispute is won (evidence due ${due.slice(0, 40)}); add a note to the evidence with \`/c500 dispute note order:o1 text:…\``,
    );
  });

  it('leaves out the due date of a dispute it does not know', () => {
    const line = refusedLine('disputed');
    expect(line).not.toContain('evidence due');
    expect(line).toContain('`/c500 dispute note order:o1 text:…`');
  });

  it('headlines an all-verified command with the stream and lists each order with what was released', () => {
    const content = said([
      { orderId: 'o1', ok: true, title: 'Lavender 65%', releasedLabel: '$120.00' },
      { orderId: 'o2', ok: true },
    ]);
    expect(content).toBe(
      `**Verified live on ${stream}**\n✅ \`o1\` Lavender 65%: on the workbench; buyer notified, $120.00 released to you\n✅ \`o2\` : on the workbench; buyer notified`,
    );
  });

  it('counts the verified orders among all listed when some were refused', () => {
    const content = said([
      { orderId: 'o1', ok: true, title: 'Board' },
      { orderId: 'o2', ok: false, refusal: 'not-paid' },
      { orderId: 'o3', ok: true, title: 'Keycaps' },
    ]);
    expect(content.split('\n')).toEqual([
      `**2 of 3 verified live on ${stream}**`,
      '✅ `o1` Board: on the workbench; buyer notified',
      '✅ `o3` Keycaps: on the workbench; buyer notified',
      '✖️ `o2`: not paid yet',
    ]);
  });

  it('says nothing was verified when every order was refused', () => {
    expect(said([{ orderId: 'o1', ok: false, refusal: 'shipped' }]).split('\n')[0]).toBe('**Nothing was verified**');
  });

  it('advises checking payouts only when one of the refusals is a refused release', () => {
    const advice = 'check your payouts with `/c500 onboard`';
    expect(
      said([
        { orderId: 'o1', ok: false, refusal: 'not-paid' },
        { orderId: 'o2', ok: false, refusal: 'release-refused' },
      ]),
    ).toContain(advice);
    expect(said([{ orderId: 'o1', ok: false, refusal: 'not-paid' }])).not.toContain(advice);
    expect(said([{ orderId: 'o1', ok: true }])).not.toContain(advice);
  });

  it('names the proof once, from the first verified order that has one', () => {
    const content = said([
      { orderId: 'o1', ok: true },
      { orderId: 'o2', ok: true, proof: clip },
      { orderId: 'o3', ok: false, refusal: 'not-paid', proof: { kind: 'channel', url: 'https://twitch.tv/other', searching: false } },
    ]);
    expect(content.split('\n')[1]).toBe('🎬 Proof: a clip of the stream at the proof: https://clips.twitch.tv/FakeClip');
    expect(content.match(/🎬/g)).toHaveLength(1);
  });

  it('adds no proof line when no verified order has a proof', () => {
    expect(
      said([
        { orderId: 'o1', ok: true },
        { orderId: 'o2', ok: false, proof: clip },
      ]),
    ).not.toContain('🎬');
  });

  it('keeps the answer within Discord’s 2,000 characters however many orders are listed', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ orderId: `order-${i}`, ok: true, title: 'T'.repeat(90) }));
    expect(said(many)).toHaveLength(2000);
  });

  it('answers only the builder', () => {
    expect(ordersVerified([{ orderId: 'o1', ok: true }], stream).flags).toBe(liveRefusals.notLinked.flags);
    expect(liveRefusals.notLinked.flags).toBeDefined();
  });

  it('refuses an invalid command privately with the reason given', () => {
    expect(liveRefusals.invalid('List at most 10 orders.')).toEqual({ ...liveRefusals.notLinked, content: 'List at most 10 orders.' });
  });
});

describe('the public live announcements', () => {
  it('invites everyone to a hangout without pinging anyone', () => {
    expect(hangoutAnnouncement('123', stream)).toEqual({
      content: `🛋️ <@123> is hanging out live. Come say hi: ${stream}`,
      allowed_mentions: { parse: [] },
    });
  });

  it('pings the drop role, and only it, when the server has one', () => {
    const hype = dropHype('123', stream, '777');
    expect(hype.content).toBe(`<@&777> 🔥 <@123> is live with a drop! Watch and grab it before it’s gone: ${stream}`);
    expect(hype.allowed_mentions).toEqual({ parse: [], roles: ['777'] });
    expect(hype.embeds).toEqual([{ title: 'Live drop', url: stream, color: 0xffc8a2, description: 'Buy Now buttons are in this channel.' }]);
  });

  it('pings no one for a drop when the server has no drop role', () => {
    const hype = dropHype('123', stream, null);
    expect(hype.content).toBe(`🔥 <@123> is live with a drop! Watch and grab it before it’s gone: ${stream}`);
    expect(hype.allowed_mentions).toEqual({ parse: [], roles: [] });
  });

  it('tells the builder where the hangout or the drop hype was posted', () => {
    expect(announced('55', 'hangout').content).toBe('Posted your hangout in <#55>.');
    expect(announced('55', 'drop').content).toBe('Posted your drop hype in <#55> and pinged the drop role.');
  });
});

describe('a proof whose last payout waits at the delivery gate', () => {
  const line = (waitsFor: OrderOutcome['waitsFor']) =>
    ordersVerified([{ orderId: 'gate0001', ok: true, title: 'Tofu65', waitsFor }], 'https://twitch.tv/bkeebs').content ?? '';

  it('tells the builder what the payout waits for, in each case', () => {
    expect(line('shipping')).toContain(
      '✅ `gate0001` Tofu65: on the workbench; buyer notified; your payout leaves once it is delivered: ship it with `/c500 ship`',
    );
    expect(line('delivery')).toContain('buyer notified; your payout leaves once the carrier delivers it (or the buyer presses Received)');
    expect(line('window')).toContain('buyer notified; delivered: your payout leaves once the buyer’s days to report a problem have passed');
    expect(line('parcel-problem')).toContain('its parcel was returned or lost: the payout waits for the server’s admin to choose a reship or a refund');
  });

  it('says nothing of the gate for an order released at its proof', () => {
    expect(line(undefined)).not.toContain('payout');
  });
});
