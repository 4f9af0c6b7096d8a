/**
 * A pay link's DM keeps no Pay button once its pledge is paid: each DM that carried a link (a
 * Checkout link and the fresh ones after it, or the pay page's) is edited to say it is paid,
 * found by the DM channel and message Discord answered its send with, kept on the pledge. A
 * redelivered payment edits it to the same words; a DM whose send finished after the payment
 * is edited as soon as it is kept.
 */
import type { DiscordMessage } from '../../ports';
import type { OutboxEntry } from '../../local/discord/discord-outbox';
import { closeTaskOf } from '../rules/charge-tasks';
import { closeGroupBuy } from '../use-cases/close-group-buy';
import { keepPayLinkDm } from '../use-cases/pay-link-dms';
import { pledgePath } from '../rules/group-buy';
import { buyer, closeWorld, type CloseWorld } from './close-world';
import { paidOnThePayPage } from './paid-on-page';

/** Each DM to the buyer as their Discord shows it now: the message sent, with every edit of it since laid over it. */
function dmsAsShown(w: CloseWorld, userId: string): Array<{ messageId: string; message: DiscordMessage }> {
  const edits = (messageId: string) => w.discord.entries.filter((e: OutboxEntry) => e.kind === 'edit' && e.messageId === messageId);
  return w.discord.entries
    .filter((e) => e.kind === 'dm' && e.userId === userId)
    .map((dm) => ({
      messageId: dm.messageId as string,
      message: edits(dm.messageId as string).reduce<DiscordMessage>((shown, edit) => ({ ...shown, ...edit.message }), dm.message),
    }));
}

const buttonsOf = (message: DiscordMessage): string => JSON.stringify(message.components ?? []);

async function declinedAtTheClose() {
  const w = await closeWorld();
  const [one, declined] = [buyer(1), buyer(2)];
  const groupBuy = await w.seed({ moq: 2, pledges: [{ buyerId: one }, { buyerId: declined, requestRefused: true }] });
  await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
  await w.runCharging();
  return { w, declined };
}

describe('a pay link’s DM once its pledge is paid', () => {
  it('GIVEN a declined card’s Checkout link, renewed once WHEN the buyer pays the current link, and Stripe delivers the payment twice THEN both DMs say it is paid and neither keeps a Pay button', async () => {
    const { w, declined } = await declinedAtTheClose();
    // The first link's day runs out unpaid: a fresh link, in a DM of its own.
    const due = w.scheduled.filter((t) => t.queue === 'checkout-expiry').map((t) => t.runAt.getTime());
    w.advance(Math.max(...due) - w.now().getTime());
    await w.runExpiries();
    await w.deliver();
    const before = dmsAsShown(w, declined).filter((dm) => buttonsOf(dm.message).includes('Pay now'));
    expect(before).toHaveLength(2);
    expect((await w.pledge(declined)).payLinkDms?.map((dm) => dm.messageId)).toEqual(before.map((dm) => dm.messageId));

    await w.stripe.paySession((await w.pledge(declined)).payLinkSessionId as string, 'card', undefined, 'works');
    const paid = [...w.events];
    await w.deliver();
    w.events.push(...paid);
    await w.deliver();

    expect((await w.pledge(declined)).status).toBe('paid');
    const after = dmsAsShown(w, declined).filter((dm) => before.some((b) => b.messageId === dm.messageId));
    expect(after.map((dm) => buttonsOf(dm.message))).toEqual(['[]', '[]']);
    for (const dm of after) expect(dm.message.content).toMatch(/^\*\*Tofu65 case\*\*: paid, \$125\.00 \(order `[0-9a-z]+`\)\. Nothing more to pay here/);
    // The edits name the DM's own channel, which is the buyer's DM channel with the bot.
    const edits = w.discord.entries.filter((e) => e.kind === 'edit' && before.some((b) => b.messageId === e.messageId));
    expect(new Set(edits.map((e) => e.userId))).toEqual(new Set([declined]));
    expect(new Set(edits.map((e) => e.channelId))).toEqual(new Set([w.discord.dmChannelOf(declined)]));
  });

  it('GIVEN a bank that wanted its buyer WHEN they pay on the pledge’s pay page THEN the DM with Confirm and pay says it is paid, without the button', async () => {
    const { w, three } = await paidOnThePayPage();
    const [sent] = dmsAsShown(w, three).filter((dm) => buttonsOf(dm.message).includes('Confirm and pay'));
    expect(sent).toBeDefined();
    await w.deliver();
    const shown = dmsAsShown(w, three).find((dm) => dm.messageId === sent?.messageId);
    expect(buttonsOf(shown?.message ?? {})).toBe('[]');
    expect(shown?.message.content).toContain(': paid, $');
  });

  it('GIVEN a pledge paid before its pay link’s DM was known to be sent WHEN the DM is kept THEN it is edited at once, and kept once however often', async () => {
    const { w, declined } = await declinedAtTheClose();
    const [dm] = dmsAsShown(w, declined);
    await w.stripe.paySession((await w.pledge(declined)).payLinkSessionId as string, 'card', undefined, 'works');
    // The payment's delivery found no DM kept (its send retried past the payment).
    await w.store.update(pledgePath((await w.groupBuy()).groupBuyId, declined), { payLinkDms: [] });
    await w.deliver();
    expect(buttonsOf(dmsAsShown(w, declined)[0]?.message ?? {})).toContain('Pay now');

    const sent = { channelId: w.discord.dmChannelOf(declined), messageId: dm?.messageId as string };
    await keepPayLinkDm(w.deps, (await w.groupBuy()).groupBuyId, declined, sent);
    await keepPayLinkDm(w.deps, (await w.groupBuy()).groupBuyId, declined, sent);
    expect(buttonsOf(dmsAsShown(w, declined)[0]?.message ?? {})).toBe('[]');
    expect((await w.pledge(declined)).payLinkDms).toEqual([sent]);
  });
});
