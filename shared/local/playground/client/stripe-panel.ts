/**
 * @module stripe-panel
 * The playground's Stripe: each paid order (by title and buyer's name), a group buy's charged
 * off session too (stripe-orders.ts), with a button for each case real Stripe can put it in
 * (stripe-cases.ts); a case Stripe would refuse is greyed out with why, and when the local
 * Stripe refuses a click all the same, the panel says so in Stripe's words. A click posts to the local Stripe, which
 * sends C500 the signed events Stripe would; the panel says what happened, and the order's
 * DMs and pages change as C500 answers. When C500 tells someone of a debt the click made, the
 * panel adds who now owes what.
 */
import type { PlayPerson } from '../play-types';
import { h } from './dom';
import { debtOwedIn, feedbackFor, money, refusalFeedback, stripeCasesFor, type StripeOrderFacts } from './stripe-cases';
import { paidOrdersOf, type StripeLists } from './stripe-orders';

/** A DM the playground has seen: its key never changes. */
export interface SeenDm {
  key: string;
  userId: string;
  content: string;
}

export interface StripePanelContext {
  people(): PlayPerson[];
  dms(): SeenDm[];
}

const getJson = async <T>(path: string): Promise<T> => (await (await fetch(path)).json()) as T;

/** The paid orders as the local Stripe has them, newest first: Checkout's and a group buy's charged off session alike. */
async function paidOrders(): Promise<StripeOrderFacts[]> {
  const [{ sessions }, { payment_intents }, { disputes }, { refunds }, { accounts }] = await Promise.all([
    getJson<Pick<StripeLists, 'sessions'>>('/_local/stripe/sessions'),
    getJson<Pick<StripeLists, 'payment_intents'>>('/_local/stripe/payment-intents'),
    getJson<Pick<StripeLists, 'disputes'>>('/_local/stripe/disputes'),
    getJson<Pick<StripeLists, 'refunds'>>('/_local/stripe/refunds'),
    getJson<Pick<StripeLists, 'accounts'>>('/_local/stripe/accounts'),
  ]);
  return paidOrdersOf({ sessions, payment_intents, disputes, refunds, accounts });
}

export function stripePanel(context: StripePanelContext): { element: HTMLElement; refresh(): void } {
  const status = h('p', { className: 'hint stripe-feedback' });
  status.setAttribute('role', 'status');
  const list = h('ul', { className: 'stripe-orders' });
  list.setAttribute('aria-label', 'Paid orders');
  const element = h(
    'section',
    { className: 'stripe-panel' },
    h('h2', { textContent: 'Stripe' }),
    h('p', { className: 'hint', textContent: 'What Stripe can do to a paid order. Each click sends C500 the events Stripe would.' }),
    status,
    list,
  );
  // A payment names its people by keyed pseudonym (Stripe's metadata), a DM by Discord id.
  const nameOf = (id: string) => context.people().find((p) => p.id === id || p.pseudonym === id)?.name ?? id;
  let drawing = false;
  let again = false;
  /** The last click's feedback, and the DMs seen before it: a debt DM after it is that click's doing. */
  let pressed: { feedback: string; before: Set<string> } | undefined;

  const sayDebts = () => {
    if (!pressed) return;
    const before = pressed.before;
    const told = context.dms().flatMap((dm) => {
      const owed = before.has(dm.key) ? undefined : debtOwedIn(dm.content);
      return owed ? [`${nameOf(dm.userId)} now owes C500 ${owed}: told by DM, and the admin’s Debts page lists it.`] : [];
    });
    status.textContent = [pressed.feedback, ...told].join(' ');
  };

  const draw = async () => {
    if (drawing) return void (again = true);
    drawing = true;
    try {
      const orders = await paidOrders();
      list.replaceChildren(
        ...(orders.length === 0 ? [h('li', { className: 'hint', textContent: 'No paid order yet: buy something and pay on the checkout.' })] : []),
        ...orders.map((order) => orderItem(order)),
      );
    } catch (error) {
      status.textContent = `The local Stripe did not answer: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      drawing = false;
      if (again) {
        again = false;
        void draw();
      }
    }
  };

  const orderItem = (order: StripeOrderFacts) => {
    const state = order.dispute ? ` · dispute ${order.dispute.status.replace(/_/g, ' ')}` : order.refunded ? ' · refunded' : '';
    const buttons = stripeCasesFor(order).map((c) => {
      const button = h('button', { type: 'button', textContent: c.label, title: c.disabled ?? '' });
      button.dataset.case = c.name;
      if (c.disabled) button.classList.add('unavailable');
      button.addEventListener('click', () => (c.disabled ? whyNot(c.label, c.disabled) : void press(order, c)));
      return button;
    });
    const item = h(
      'li',
      { className: 'stripe-order' },
      h('strong', { textContent: order.title }),
      ` ${money(order.amountCents, order.currency)} · bought by ${nameOf(order.buyerId)}${state}`,
      h('div', { className: 'row stripe-cases' }, ...buttons),
    );
    item.dataset.charge = order.chargeId;
    return item;
  };

  const whyNot = (label: string, reason: string) => {
    pressed = undefined;
    status.textContent = `${label} can’t happen to this order now: ${reason}.`;
  };

  const press = async (order: StripeOrderFacts, c: ReturnType<typeof stripeCasesFor>[number]) => {
    pressed = undefined;
    status.textContent = `${c.label}…`;
    const before = new Set(context.dms().map((dm) => dm.key));
    const answer = await fetch(c.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c.body) });
    const body = (await answer.json().catch(() => ({}))) as Record<string, unknown>;
    const feedback = answer.ok ? feedbackFor(c.name, order, body) : refusalFeedback(c.label, body);
    pressed = { feedback, before };
    sayDebts();
    await draw();
  };

  return {
    element,
    refresh: () => {
      sayDebts();
      void draw();
    },
  };
}
