import { EPHEMERAL } from '../../discord';
import { builderCancelled, builderLateNotice, cancelAnswers, closedDmChoice, delayAnswers, delayNotice, lateNotice } from '../rules/late-messages';
import { placed } from './queue-fixtures';

const order = placed(1, { title: 'Brass TKL', buyerName: 'Ada', builderName: 'Juno' });
const promised = '2026-12-13T12:00:00.000Z';
const buttonsOf = (m: { components?: unknown[] }) => JSON.stringify(m.components ?? []);

describe('a late commission, to the buyer and the builder', () => {
  it('tells the buyer the date passed, what a cancel gives back and what stays the builder’s, with both buttons', () => {
    const notice = lateNotice(order, promised, 7_300, 2_700);
    expect(notice.content).toBe(
      'Your commission **Brass TKL** (`order1`) from Juno was promised by <t:1797163200:D> and isn’t done yet. You can cancel it and get back $73.00 ($27.00 already went to Juno for the steps proved live, and stays theirs), or keep waiting: this choice stays open until it is done.',
    );
    expect(notice.allowed_mentions).toEqual({ parse: [] });
    expect(notice.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 4, label: 'Cancel and refund', custom_id: 'qcancel:order1' },
          { type: 2, style: 2, label: 'Keep waiting', custom_id: 'qwait:order1' },
        ],
      },
    ]);
  });

  it('says nothing of the builder’s part when nothing was sent', () => {
    expect(lateNotice(order, promised, 10_000, 0).content).toContain('get back $100.00, or keep waiting');
  });

  it('tells the builder how to move the date, or that they already did', () => {
    expect(builderLateNotice(order, promised, false).content).toBe(
      'Order `order1` (**Brass TKL** for Ada) passed the date you promised, <t:1797163200:D>, without `done`. The buyer may now cancel for a refund of what you have not been paid. If you need more time, move the date once with `/c500 queue delay order:order1 weeks:<n> reason:<why>`; the buyer is told and may still cancel.',
    );
    expect(builderLateNotice(order, promised, true).content).toMatch(/You have already moved its date once\.$/);
    expect(builderLateNotice(order, promised, true).allowed_mentions).toEqual({ parse: [] });
  });

  it('tells the buyer of a moved date with the builder’s reason, and both buttons', () => {
    const notice = delayNotice(order, 1, 'switches', promised, 10_000);
    expect(notice.content).toBe(
      'Juno moved the date of your commission **Brass TKL** (`order1`) by 1 week, to <t:1797163200:D>. Their reason: “switches”. You can cancel now and get back $100.00, or keep waiting.',
    );
    expect(delayNotice(order, 3, 'r', promised, 1).content).toContain('by 3 weeks');
    expect(buttonsOf(notice)).toContain('qcancel:order1');
    expect(buttonsOf(notice)).toContain('qwait:order1');
    expect(notice.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('the answers to the buttons and the delay', () => {
  it('tells a buyer who cancelled what comes back, privately, and what stays the builder’s', () => {
    const done = cancelAnswers.cancelled(order, 7_300, 2_700);
    expect(done.flags).toBe(EPHEMERAL);
    expect(done.content).toBe(
      'Cancelled: **Brass TKL** (`order1`) is out of Juno’s queue and $73.00 is on its way back to you (a few days to show on your statement). The $27.00 Juno was paid for the steps proved live stays theirs.',
    );
    expect(cancelAnswers.cancelled(order, 10_000, 0).content).toMatch(/statement\)\.$/);
  });

  it('says Stripe refused the refund and that nothing was cancelled', () => {
    expect(cancelAnswers.refused(order, 'charge disputed').content).toBe(
      'Stripe did not make the refund for `order1` (“charge disputed”). Nothing was cancelled and your place is kept: press **Cancel and refund** again in a minute, or ask a server admin to refund it with `/c500 refund`.',
    );
  });

  it.each([
    ['not-found', 'That button isn’t for one of your orders.'],
    ['not-late', 'Order `order1` isn’t late: you can cancel once its promised date passes, or if the builder moves it.'],
    ['ended', 'Order `order1` is no longer in the queue: it was finished or cancelled already.'],
    ['disputed', 'Your dispute of order `order1` is open with your bank: it decides the money now, so it can’t be cancelled here.'],
  ] as const)('answers a refused cancel (%s) privately', (refusal, text) => {
    const answer = cancelAnswers.of(refusal, 'order1');
    expect(answer.content).toBe(text);
    expect(answer.flags).toBe(EPHEMERAL);
  });

  it('tells a buyer who keeps waiting that the cancel stays open', () => {
    expect(cancelAnswers.keepWaiting(order).content).toBe(
      'You’re keeping your place for **Brass TKL** (`order1`). You can still cancel from this message until it is done.',
    );
  });

  it('tells the builder of a cancel, and what stays theirs', () => {
    expect(builderCancelled(order, 7_300, 2_700).content).toBe(
      'Ada cancelled their late commission `order1` (**Brass TKL**): $73.00 was refunded, and the $27.00 you were paid for its proved steps stays yours. Its place in your queue is free and the line moved up.',
    );
    expect(builderCancelled(order, 10_000, 0).content).toContain('$100.00 was refunded. Its place');
    expect(builderCancelled(order, 1, 0).allowed_mentions).toEqual({ parse: [] });
  });

  it('answers the builder’s delay, moved or refused, privately', () => {
    expect(delayAnswers.moved(order, promised).content).toBe(
      'Moved: `order1` is now promised by <t:1797163200:D>. Ada was told, with your reason, and may cancel.',
    );
    expect(delayAnswers.notFound('x'.repeat(60)).content).toBe(`No order \`${'x'.repeat(40)}\` of yours is in your queue here.`);
    expect(delayAnswers.ended('order1').content).toBe('Order `order1` is no longer in your queue: it was finished or cancelled.');
    expect(delayAnswers.usedOnce('order1').content).toBe('You already moved `order1`’s date once: a date can be moved only once per order.');
    expect(delayAnswers.invalid('Say why').content).toBe('Say why');
    expect(delayAnswers.moved(order, promised).flags).toBe(EPHEMERAL);
  });
});

describe('a late order from a group buy, to the buyer and the builder', () => {
  // As a group buy's close makes one: source `groupbuy`, the group buy's title (and quantity), its ship month's end as the promise, no ticket.
  const fromGroupBuy = placed(
    2,
    { title: 'Tofu65 case ×2', source: 'groupbuy', sourceId: 'gb7k2m9q', buyerName: 'Ada', builderName: 'Juno' },
    { ticket: undefined, promisedAt: '2027-06-30T23:59:59.999Z' },
  );
  const endOfMonth = '2027-06-30T23:59:59.999Z';

  it('speaks to the buyer of their group buy order and its ship month, not of a commission', () => {
    const notice = lateNotice(fromGroupBuy, endOfMonth, 25_000, 0);
    expect(notice.content).toBe(
      'Your group buy order **Tofu65 case ×2** (`order2`) from Juno was to ship by the end of its ship month, <t:1814399999:D>, and isn’t done yet. You can cancel it and get back $250.00, or keep waiting: this choice stays open until it is done.',
    );
    expect(notice.content).not.toContain('commission');
    expect(buttonsOf(notice)).toContain('qcancel:order2');
  });

  it('tells the builder the ship month passed without offering /c500 queue delay, which refuses a group buy’s order', () => {
    for (const delayUsed of [false, true]) {
      const notice = builderLateNotice(fromGroupBuy, endOfMonth, delayUsed);
      expect(notice.content).toBe(
        'Order `order2` (**Tofu65 case ×2** for Ada) from your group buy passed the end of its ship month, <t:1814399999:D>, without `done`. The buyer may now cancel for a refund of what you have not been paid. A group buy’s ship month can’t be moved: prove your progress live, and tell your buyers in the group buy’s channel when it will ship.',
      );
      expect(notice.content).not.toContain('/c500 queue');
    }
    expect(delayAnswers.groupBuy('order2').content).toContain('is from your group buy');
  });

  it('answers the buyer’s cancel and the builder’s notice of it without a queue or a line', () => {
    expect(cancelAnswers.cancelled(fromGroupBuy, 25_000, 0).content).toBe(
      'Cancelled: your order **Tofu65 case ×2** (`order2`) from Juno’s group buy, and $250.00 is on its way back to you (a few days to show on your statement).',
    );
    expect(builderCancelled(fromGroupBuy, 25_000, 0).content).toBe(
      'Ada cancelled their late group buy order `order2` (**Tofu65 case ×2**): $250.00 was refunded.',
    );
    expect(cancelAnswers.keepWaiting(fromGroupBuy).content).toContain('You’re keeping your order for');
  });

  it('mentions a buyer whose DMs are closed without pointing them at the queue', () => {
    const notice = closedDmChoice(fromGroupBuy, 'late', false);
    expect(notice.content).toContain('your group buy order `order2` passed the end of its ship month');
    expect(notice.content).not.toContain('queue');
    expect(buttonsOf(notice)).toContain('qcancel:order2');
  });
});
