/**
 * @module carrier-panel
 * The playground's carrier (EasyPost's stand-in), beside its Stripe: each shipped order of the
 * server (id, title, carrier, tracking number, where its parcel stands) with a button for each
 * move a person can make the carrier report (carrier-moves.ts); a move C500 would not take is
 * greyed out with why. A press posts to the local carrier, which sends C500 the signed
 * `tracker.updated`; the panel then says what happened, read from the order once C500 moved it
 * and from the DMs C500 sent about it. A label bought through C500 opens in a new tab as the
 * image a builder prints.
 */
import type { ParcelRow } from '../parcel-facts';
import { carrierFeedback, carrierMovesFor, parcelWords, type CarrierMove, type CarrierPress } from './carrier-moves';
import { h } from './dom';
import type { StripePanelContext } from './stripe-panel';

const parcelRows = async (): Promise<ParcelRow[]> => ((await (await fetch('/_local/play/parcels')).json()) as { parcels: ParcelRow[] }).parcels;

/** How often, and how many times, the panel asks again after a press for a move no DM follows (in transit). */
const recheck = { everyMs: 500, times: 40 };

/** One parcel: what it is, where it stands, its label when bought, and a button for each move. */
function parcelItem(row: ParcelRow, nameOf: (id: string) => string, onMove: (row: ParcelRow, move: CarrierMove) => void): HTMLElement {
  const buttons = carrierMovesFor(row).map((move) => {
    const button = h('button', { type: 'button', textContent: move.label, title: move.disabled ?? '' });
    button.dataset.move = move.name;
    if (move.disabled) button.classList.add('unavailable');
    button.addEventListener('click', () => onMove(row, move));
    return button;
  });
  const label = row.labelUrl ? [' · ', h('a', { href: row.labelUrl, target: '_blank', rel: 'noopener', textContent: 'Label' })] : [];
  const item = h(
    'li',
    { className: 'carrier-parcel' },
    h('strong', { textContent: row.title }),
    ` ${row.orderId} · to ${nameOf(row.buyerId)} · ${row.carrier} ${row.tracking} · `,
    h('span', { className: 'parcel-status', textContent: parcelWords[row.parcel] }),
    ...label,
    h('div', { className: 'row carrier-moves' }, ...buttons),
  );
  item.dataset.order = row.orderId;
  return item;
}

export function carrierPanel(context: StripePanelContext): { element: HTMLElement; refresh(): void } {
  const status = h('p', { className: 'hint carrier-feedback' });
  status.setAttribute('role', 'status');
  const list = h('ul', { className: 'carrier-parcels' });
  list.setAttribute('aria-label', 'Shipped orders');
  const element = h(
    'section',
    { className: 'carrier-panel' },
    h('h2', { textContent: 'Carrier' }),
    h('p', { className: 'hint', textContent: 'Where each shipped parcel is. Each click sends C500 the tracking update the carrier would.' }),
    status,
    list,
  );
  const nameOf = (id: string) => context.people().find((p) => p.id === id || p.pseudonym === id)?.name ?? id;
  let rows: ParcelRow[] = [];
  let drawing = false;
  let again = false;
  /** The last press, and the DMs seen before it: a DM about its order after it is C500 telling someone. */
  let pressed: (CarrierPress & { before: Set<string>; refused?: string }) | undefined;

  const say = () => {
    if (!pressed) return;
    if (pressed.refused) return void (status.textContent = pressed.refused);
    const { orderId, before } = pressed;
    const told = [...new Set(context.dms().flatMap((dm) => (!before.has(dm.key) && dm.content.includes(orderId) ? [nameOf(dm.userId)] : [])))];
    status.textContent = carrierFeedback(
      pressed,
      rows.find((r) => r.orderId === orderId),
      told,
    );
  };

  const draw = async () => {
    if (drawing) return void (again = true);
    drawing = true;
    try {
      rows = await parcelRows();
      list.replaceChildren(
        ...(rows.length === 0 ? [h('li', { className: 'hint', textContent: 'No parcel yet: ship a paid order with /c500 ship.' })] : []),
        ...rows.map((row) => parcelItem(row, nameOf, (r, move) => (move.disabled ? whyNot(move) : void press(r, move)))),
      );
      say();
    } catch (error) {
      status.textContent = `The playground did not answer: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      drawing = false;
      if (again) {
        again = false;
        void draw();
      }
    }
  };

  const whyNot = (move: CarrierMove) => {
    pressed = undefined;
    status.textContent = `${move.label} can’t happen to this parcel now: ${move.disabled ?? ''}.`;
  };

  const press = async (row: ParcelRow, move: CarrierMove) => {
    pressed = undefined;
    status.textContent = `${move.label}…`;
    const before = new Set(context.dms().map((dm) => dm.key));
    const answer = await fetch(move.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(move.body) });
    const body = (await answer.json().catch(() => ({}))) as { error?: unknown };
    const refused = answer.ok
      ? undefined
      : `The carrier refused ${move.label}: ${typeof body.error === 'string' ? body.error : 'it gave no reason'}. Nothing changed.`;
    pressed = { orderId: row.orderId, move, before, from: { parcel: row.parcel, tracking: row.tracking }, ...(refused ? { refused } : {}) };
    say();
    // An in-transit scan tells nobody, so no DM redraws the panel: it asks again until C500 moved the parcel.
    for (let i = 0; i < recheck.times && !refused && pressed?.orderId === row.orderId; i++) {
      await draw();
      if (rows.find((r) => r.orderId === row.orderId)?.parcel === move.to) break;
      await new Promise((resolve) => setTimeout(resolve, recheck.everyMs));
    }
  };

  return {
    element,
    refresh: () => {
      say();
      void draw();
    },
  };
}
