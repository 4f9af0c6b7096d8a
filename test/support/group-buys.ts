/**
 * A group buy driven from outside through the local runtime, as its builder and members do:
 * `/groupbuy start`, Join and its quantity modal, the card saved on Stripe's page, and the
 * close run on the test's clock (past the close and its settle window, then a second at a time
 * running what is due, until the charging rests).
 */
import type { DiscordMessage } from '../../shared/ports';
import { closeSettleMs, groupBuyPath, pledgePath, type GroupBuy } from '../../shared/groupbuys';
import { buttonPress, modalSubmit } from './interactions';
import { answerOf, linkIn, pay, say, textOf } from './marketplace';
import { AUCTION_CHANNEL, type TestClock } from './auctions';
import type { TestRuntime } from './local-runtime';

/** A ship month three months out, as `YYYY-MM`. */
export const shipsInThreeMonths = () => new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 7);

export function groupBuyDriver(rt: TestRuntime, clock: TestClock, builder: string) {
  const groupBuyOf = async (id: string) => (await rt.store.get(groupBuyPath(id))) as GroupBuy;

  /** Started by the builder at $120 a unit, closing in an hour; `more` adds or changes options. */
  async function start(title: string, moq: number, more: Record<string, string | number> = {}): Promise<string> {
    const answer = await say(rt, builder, {
      name: 'groupbuy',
      path: ['start'],
      options: { title, price: 120, moq, closes: '1h', ships: shipsInThreeMonths(), ...more },
    });
    const id = /Group buy `([0-9a-z]{8})`/.exec(textOf(answer))?.[1];
    if (!id) throw new Error(`no group buy started: ${textOf(answer)}`);
    return id;
  }

  /** Join's quantity modal, then the card saved on the setup checkout's page (with the address typed there, when it asks); the answer with the consent. */
  async function join(groupBuyId: string, member: string, page?: { card?: string; shipping?: unknown }, quantity = '1'): Promise<DiscordMessage> {
    await rt.sendInteraction(buttonPress(`gbjoin:${groupBuyId}`, member, { channelId: AUCTION_CHANNEL }));
    const answer = await answerOf(rt, modalSubmit(`gbjq:${groupBuyId}`, { quantity }, member));
    expect((await pay(rt, linkIn(answer), page)).status).toBe(200);
    // Counted: pledged, or on the waitlist past a cap.
    expect(['pledged', 'waitlisted']).toContain((await rt.store.get(pledgePath(groupBuyId, member)))?.status);
    return answer;
  }

  async function runClose(groupBuyId: string): Promise<void> {
    clock.ms = Math.max(clock.ms, Date.parse((await groupBuyOf(groupBuyId)).closesAt) + closeSettleMs + 1_000);
    for (let second = 0; second < 10; second++) {
      await rt.settle();
      await rt.tasks.runDueNow();
      await rt.settle();
      clock.advance(1_000);
    }
  }

  return { groupBuyOf, start, join, runClose };
}
