/**
 * `bench:groupbuy`'s count of what C500 sends Stripe: every write, as the local Stripe's own log
 * saw it arrive (`/_local/stripe/writes`, never C500's own count), the most in any one second
 * of its clock against Stripe's sandbox limit, and the 429s its limiter answered. And the run
 * that measures two group buys closing together: a fresh runtime, two closes armed for the
 * same moment with PLEDGES pledges each, watched from outside until the builder is told both
 * are funded (the pay links paid as their buyers would once all are sent).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntimeProcess, type RuntimeProcess } from './runtime-process';
import { OutboxFollower } from './outbox-follower';
import { stallWatch } from './stall-watch';
import { fetchRuntime } from './runtime-fetch';
import { benchGroupBuy, seedGroupBuyStore } from './groupbuy-seed';
import { stripeWritesPerSecond } from '../../shared/local/stripe/per-second-limit';
import { closeSettleMs } from '../../shared/groupbuys';
import type { ArrivedWrite } from '../../shared/local/stripe/api-server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function writesSeen(rt: RuntimeProcess): Promise<ArrivedWrite[]> {
  return ((await (await fetchRuntime(`${rt.runtimeUrl}/_local/stripe/writes`)).json()) as { writes: ArrivedWrite[] }).writes;
}

export function printWrites(what: string, writes: readonly ArrivedWrite[]): void {
  const perSecond = new Map<number, number>();
  for (const w of writes) perSecond.set(Math.floor(w.atMs / 1000), (perSecond.get(Math.floor(w.atMs / 1000)) ?? 0) + 1);
  const most = Math.max(0, ...perSecond.values());
  const refused = writes.filter((w) => w.refused).length;
  console.log(
    `${what}: ${writes.length} writes sent to Stripe, at most ${most} in any one second of the local Stripe's (limit ${stripeWritesPerSecond}), ${refused} answered 429`,
  );
}

/** Two group buys of `pledges` each closing at the same moment in a fresh runtime: every write the local Stripe saw, once both are funded. */
export async function twoClosesTogether(pledges: number, needsBuyerEvery: number, startupMs: number): Promise<ArrivedWrite[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'c500-bench-two-'));
  const needsBuyer = await seedGroupBuyStore(dataDir, pledges, () => new Date(Date.now() + startupMs - closeSettleMs), needsBuyerEvery, 2);
  const rt = await startRuntimeProcess({ C500_LOG_LEVEL: 'warn' }, { dataDir, logToDataDir: true });
  try {
    const outbox = new OutboxFollower(rt.runtimeUrl);
    outbox.start(500);
    const paid = new Set<string>();
    const stalled = stallWatch(outbox, 'the two group buys were not both funded');
    try {
      for (;;) {
        const funded = outbox.dms.filter((d) => d.userId === benchGroupBuy.builderId && JSON.stringify(d.message).includes('is funded'));
        if (funded.length >= 2) break;
        stalled();
        const links = payLinksIn(outbox);
        if (links.length >= needsBuyer) for (const session of links.filter((l) => !paid.has(l))) await payLink(rt, session, paid);
        await sleep(500);
      }
    } finally {
      outbox.stop();
    }
    return await writesSeen(rt);
  } finally {
    await rt.stop();
  }
}

/**
 * The pledge pay pages DMed so far (`/groupbuy/<id>?pay=<order>&key=<key>`, issue 77): a card
 * the bank refused off session is paid on its pledge's own page, which confirms the pledge's
 * one PaymentIntent; the link is the DM button's URL.
 */
export function payLinksIn(outbox: Pick<OutboxFollower, 'dms'>): string[] {
  const pages = outbox.dms.flatMap((d) => {
    const url = /"url":"([^"]+\/groupbuy\/[^"]+\?pay=[^"]+)"/.exec(JSON.stringify(d.message))?.[1];
    return url ? [url] : [];
  });
  return [...new Set(pages)];
}

/**
 * Pays a pledge's pay page as its buyer's browser does: the Pay button pressed (the page
 * confirms the PaymentIntent and sends the buyer on to the bank's page on the local Stripe),
 * then the bank's step passed there. A page that answers otherwise (busy, say), or not in time,
 * is left for the next round.
 */
export async function payLink(rt: RuntimeProcess, payPage: string, paid: Set<string>): Promise<void> {
  const pressed = await fetchRuntime(payPage, { method: 'POST', redirect: 'manual' }).catch(() => undefined);
  const bank = pressed?.headers.get('location');
  if (pressed?.status !== 303 || !bank) return;
  const answer = await fetchRuntime(`${new URL(bank, rt.runtimeUrl).href}?outcome=complete`, { method: 'POST', headers: { accept: 'application/json' } }).catch(
    () => undefined,
  );
  if (answer?.ok) paid.add(payPage);
}
