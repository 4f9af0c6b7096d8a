/**
 * `bench:groupbuy` pays the cards that need their buyer as a buyer does: it finds each pay
 * link in the DMs C500 sent. Since issue 77 that link is the pledge's own pay page
 * (`/groupbuy/<id>?pay=<order>&key=<key>`), not a Checkout Session; a bench that looks only
 * for Checkout links pays nothing and its group buy is never funded. The page checks the link's
 * group buy id is shaped as C500 makes them, so the bench's seeded ids must be.
 */
import { payLinksIn } from '../../../scripts/bench/groupbuy-two-closes';
import { benchGroupBuyIds } from '../../../scripts/bench/groupbuy-seed';
import { looksLikeGroupBuyId } from '../../../shared/groupbuys';
import { closeDms } from '../../../shared/groupbuys/rules/close-messages';
import { pledgePayLink } from '../../../shared/groupbuys/rules/pledge-pay-page';
import { bankWantsYou } from '../../../shared/groupbuys/rules/refusal-words';
import type { OutboxEntry } from '../../../shared/local/discord/discord-outbox';
import { anOrder } from '../../support/orders';

const base = 'http://127.0.0.1:8080';
const payBy = '2027-03-04T05:06:07Z';

function payLinkDm(seq: number, orderId: string): OutboxEntry {
  const link = pledgePayLink(base, 'gb1', orderId, 'a'.repeat(32));
  return { seq, at: payBy, kind: 'dm', userId: `buyer-${orderId}`, message: closeDms.payLink(anOrder({ orderId }), link, payBy, bankWantsYou, false) };
}

describe('the group buy bench’s pay links', () => {
  it('finds each pledge’s pay page in the pay link DMs C500 sends, once each however often it is sent', () => {
    const dms = [payLinkDm(1, 'o1'), payLinkDm(2, 'o2'), payLinkDm(3, 'o1')];
    expect(payLinksIn({ dms })).toEqual([`${base}/groupbuy/gb1?pay=o1&key=${'a'.repeat(32)}`, `${base}/groupbuy/gb1?pay=o2&key=${'a'.repeat(32)}`]);
  });

  it('takes no other DM for a pay link', () => {
    const receipt: OutboxEntry = { seq: 1, at: payBy, kind: 'dm', userId: 'b', message: closeDms.receipt(anOrder({ orderId: 'o3' }), '2027-05') };
    expect(payLinksIn({ dms: [receipt] })).toEqual([]);
  });

  it('seeds group buys whose ids a pay page takes, so their buyers can pay there', () => {
    expect(benchGroupBuyIds(2).filter((id) => !looksLikeGroupBuyId(id))).toEqual([]);
  });
});
