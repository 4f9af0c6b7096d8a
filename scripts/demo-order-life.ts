/**
 * The order's life after it is proved, for `npm run demo`: cleo ships bo's board with a
 * tracking number, bo presses Received (and cleo's payout, held until delivery, leaves), then bo's bank opens a chargeback; C500 takes
 * cleo's money back, submits the evidence (the clip of the build, the tracking) and, when
 * the bank decides for cleo, sends it out again. Shipping itself (the profile and the
 * address at checkout) is in the marketplace walkthrough before it.
 */
import { snowflakeAt } from '../shared/common';
import type { DemoRun } from './demo-run';
import { command, type Option } from './demo-auction';
import { lastSeq, waitFor } from './demo-outbox';
import { bold, dim, type Person, type Send, type Show } from './demo-words';

/** `/c500 shipping …` with typed options, as Discord sends them: `to` a text, the rates numbers. */
export function shippingCommand(run: DemoRun, builder: Person): ReturnType<typeof command> {
  const options: Option[] = [
    { name: 'to', type: 3, value: 'US,CA' },
    { name: 'domestic', type: 10, value: 12 },
    { name: 'domestic-extra', type: 10, value: 4 },
    { name: 'international', type: 10, value: 30 },
    { name: 'international-extra', type: 10, value: 8 },
    { name: 'handling-days', type: 4, value: 3 },
  ];
  return command(run, builder, 'c500', [{ name: 'shipping', type: 1, options }]);
}

/** The address bo types on the (local) Stripe Checkout page, in Stripe's shape. */
export const bosAddress = {
  shipping: { name: 'Bo Buyer', address: { line1: '12 Switch Lane', city: 'Portland', state: 'OR', postal_code: '97201', country: 'US' } },
};

interface Sale {
  orderId: string;
  sessionId: string;
  cleo: Person;
  bo: Person;
}

type Dispute = { id: string; evidence: Record<string, string | null>; evidence_submitted: boolean; charge: string };
type Transfer = { amount: number; amount_reversed?: number; metadata: Record<string, string> };

export async function orderLifeWalkthrough(url: string, run: DemoRun, send: Send, show: Show, sale: Sale): Promise<void> {
  const { orderId, cleo, bo } = sale;
  const answerTo = async (body: { token: string }) => {
    const from = await lastSeq(url);
    await send(body);
    return (await waitFor(url, from, 'the edited answer', (e) => e.find((x) => x.interactionToken === body.token))).message;
  };
  const dmTo = (person: Person, from: number, what: string) =>
    waitFor(url, from, what, (e) => e.find((x) => x.kind === 'dm' && x.userId === person.id)).then((e) => e.message);

  console.log(bold(`\n16. cleo ships it: /c500 ship order:${orderId} tracking:1Z999AA10123456784 carrier:UPS`));
  let from = await lastSeq(url);
  const ship = command(run, cleo, 'c500', [
    {
      name: 'ship',
      type: 1,
      options: [
        { name: 'order', type: 3, value: orderId },
        { name: 'tracking', type: 3, value: '1Z999AA10123456784' },
        { name: 'carrier', type: 3, value: 'ups' },
      ],
    },
  ]);
  show('cleo', await answerTo(ship));
  show('bo (DM, with a Track it link and a Received button)', await dmTo(bo, from, 'bo’s shipping DM'));

  console.log(bold('\n17. The board arrives: bo presses Received in that DM'));
  from = await lastSeq(url);
  const received = {
    id: snowflakeAt(Date.now(), 900),
    type: 3,
    token: `demo-received-${Date.now()}`,
    application_id: '1100000000000000001',
    channel_id: '960000000000000001',
    user: { id: bo.id, username: bo.name },
    data: { custom_id: `received:${orderId}`, component_type: 2 },
  };
  show('bo', await answerTo(received));
  show('cleo (DM)', await dmTo(cleo, from, 'cleo’s DM that it arrived'));
  // Received opens the delivery gate: cleo's payout leaves now, not at the proof.
  const paid = await waitForRelease(
    async () => ((await (await fetch(`${url}/_local/stripe/transfers`)).json()) as { transfers: Transfer[] }).transfers,
    orderId,
  );
  console.log(dim(`  Stripe: ${cents(paid.amount)} released to cleo when bo pressed Received.`));

  console.log(bold('\n18. A month on, bo’s bank opens a chargeback: “product not received”'));
  from = await lastSeq(url);
  // Due within a day, so C500 submits the evidence at once (otherwise a task does it a day before the due date).
  const opened = await fetch(`${url}/_local/stripe/sessions/${sale.sessionId}/dispute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'product_not_received', due_in_hours: 20 }),
  });
  const { dispute } = (await opened.json()) as { dispute: Dispute };
  show('cleo (DM)', await dmTo(cleo, from, 'cleo’s DM that a dispute opened'));
  const transfers = async () => ((await (await fetch(`${url}/_local/stripe/transfers`)).json()) as { transfers: Transfer[] }).transfers;
  const mine = (await transfers()).filter((x) => x.metadata.order_id === orderId);
  console.log(dim(`  Stripe: cleo’s transfer of ${cents(mine[0]?.amount)} has ${cents(mine[0]?.amount_reversed)} reversed while the bank decides.`));
  await waitFor(url, from, 'cleo’s DM that the evidence went in', (e) =>
    e.find((x) => x.kind === 'dm' && x.userId === cleo.id && JSON.stringify(x.message).toLowerCase().includes('evidence')),
  );
  const submitted = await submittedEvidence(url, dispute.id);
  console.log(`  ${bold('The evidence C500 submitted to the bank')} (Stripe’s dashboard shows it):`);
  console.log(
    `    shipping: ${submitted.evidence.shipping_carrier} ${submitted.evidence.shipping_tracking_number}, shipped ${submitted.evidence.shipping_date}`,
  );
  console.log(`    ${(submitted.evidence.uncategorized_text ?? '').split('. Timeline')[0]?.slice(0, 300)}`);

  console.log(bold('\n19. The bank decides for cleo: the dispute is won'));
  from = await lastSeq(url);
  await fetch(`${url}/_local/stripe/disputes/${dispute.id}/close`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'won' }),
  });
  show('cleo (DM)', await dmTo(cleo, from, 'cleo’s DM that the dispute was won'));
  const back = await waitForReturn(transfers, orderId);
  console.log(
    dim(
      `  Stripe: ${cents(back.amount)} sent back to cleo (${back.metadata.part ?? 'dispute-return'}); bo stays blocked from bidding and buying here until an admin unblocks them.`,
    ),
  );
}

const cents = (amount: number | undefined) => `$${((amount ?? 0) / 100).toFixed(2)}`;

async function submittedEvidence(url: string, disputeId: string): Promise<Dispute> {
  for (let tries = 0; tries < 100; tries++) {
    const { disputes } = (await (await fetch(`${url}/_local/stripe/disputes`)).json()) as { disputes: Dispute[] };
    const found = disputes.find((d) => d.id === disputeId && d.evidence_submitted);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the evidence of ${disputeId} was not submitted within 10 s`);
}

async function waitForRelease(transfers: () => Promise<Transfer[]>, orderId: string): Promise<Transfer> {
  for (let tries = 0; tries < 100; tries++) {
    const found = (await transfers()).find((x) => x.metadata.order_id === orderId && x.metadata.part === undefined);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no release of ${orderId} went out within 10 s of bo's Received`);
}

async function waitForReturn(transfers: () => Promise<Transfer[]>, orderId: string): Promise<Transfer> {
  for (let tries = 0; tries < 100; tries++) {
    const found = (await transfers()).find((x) => x.metadata.order_id === orderId && x.metadata.part === 'dispute-return');
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no transfer sent the money of ${orderId} back within 10 s`);
}
