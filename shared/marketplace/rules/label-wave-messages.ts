/**
 * @module label-wave-messages
 * Shipping waves in words: the offer (how many orders, the label each takes, the total, one
 * button), the press's answer, the builder's one summary DM, and the refusals.
 */
import type { DiscordMessage } from '../../ports';
import { dmNote, privateNote } from '../../discord';
import { formatMoney } from '../../common';
import { waveButtonId, type LabelWave, type WaveSource } from './label-waves';

const money = (cents: number, currency: string) => formatMoney({ cents, currency });
const named = (source: WaveSource) => (source.kind === 'groupbuy' ? `group buy \`${source.id}\`` : `show \`${source.id}\``);
/** Discord's message is 2,000 characters: the lists are cut well inside it, saying how many more there are. */
const listed = (lines: readonly string[], most: number) =>
  lines.length > most ? [...lines.slice(0, most), `…and ${lines.length - most} more`].join('\n') : lines.join('\n');

export const waveButtonLabel = (wave: Pick<LabelWave, 'orders' | 'totalCents' | 'currency'>): string =>
  `Buy ${wave.orders.length} label${wave.orders.length === 1 ? '' : 's'} (${money(wave.totalCents, wave.currency)})`;

/** The builder's offer: each order's cheapest label, the total, and what was skipped, with one button. */
export function waveOffer(wave: LabelWave): DiscordMessage {
  const lines = wave.orders.map((o) => `\`${o.orderId}\`: ${o.rateName} ${money(o.amountCents, wave.currency)}`);
  const skipped = wave.skipped.map((s) => `\`${s.orderId}\`: ${s.reason}`);
  return {
    ...privateNote(
      [
        `A shipping wave for ${named(wave.source)}: ${wave.orders.length} order${wave.orders.length === 1 ? '' : 's'}, the cheapest label each, ${money(wave.totalCents, wave.currency)} in all (taken from your share of each order, or paid by C500 where shipping was free).`,
        listed(lines, 15),
        skipped.length > 0
          ? `Skipped (${skipped.length}):\n${listed(
              skipped.map((s) => s.slice(0, 160)),
              8,
            )}`
          : '',
        'One press buys them all, a few at a time; you get one DM with every label’s link, each buyer their tracking.',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    // Nothing to buy (every order skipped): no button.
    components:
      wave.orders.length === 0
        ? []
        : [{ type: 1, components: [{ type: 2, style: 1, label: waveButtonLabel(wave).slice(0, 80), custom_id: waveButtonId(wave.waveId) }] }],
  };
}

/** The press's answer (the same for a second press: nothing is bought twice). */
export const waveStarted = (wave: Pick<LabelWave, 'orders'>): DiscordMessage =>
  privateNote(
    `Buying ${wave.orders.length} label${wave.orders.length === 1 ? '' : 's'}, a few a second. You get one DM with their links when the wave is done.`,
  );

/** The builder's one DM: every label's link, and every order left without one, with why. */
export function waveSummary(wave: LabelWave): DiscordMessage {
  const results = Object.values(wave.results ?? {});
  const bought = results.filter((r) => r.trackingCode).map((r) => `\`${r.orderId}\`: ${r.trackingCode ?? ''} ${r.labelUrl ?? ''}`);
  const refused = results.filter((r) => !r.trackingCode).map((r) => `\`${r.orderId}\`: ${(r.refused ?? 'not bought').slice(0, 160)}`);
  const skipped = wave.skipped.map((s) => `\`${s.orderId}\`: ${s.reason.slice(0, 160)}`);
  const notBought = [...refused, ...skipped];
  return dmNote(
    [
      `Your shipping wave for ${named(wave.source)}: ${bought.length} label${bought.length === 1 ? '' : 's'} bought; each buyer got their tracking.`,
      listed(bought, 12),
      notBought.length > 0 ? `Not bought (${notBought.length}), ship these with \`/c500 ship order:<id>\`:\n${listed(notBought, 6)}` : '',
      bought.length > 12 ? 'Every label is also in `/c500 profile`, on each order.' : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

export const waveRefusals = {
  nothing: (source: WaveSource) =>
    privateNote(`No paid, unshipped order of yours in ${named(source)} to ship. Orders shipped, refunded or not paid yet are left out.`),
  notYours: (source: WaveSource) => privateNote(`The orders of ${named(source)} are not yours to ship: only their builder can buy their labels.`),
  trackingWithWave: privateNote('A wave buys a label for each order; a tracking number belongs to one order: type `/c500 ship order:<id> tracking:<number>`.'),
  tooMany: (source: WaveSource, most: number) =>
    privateNote(`${named(source)} has more than ${most} orders to ship; a wave takes ${most}. Ship the first ones, then run the wave again for the rest.`),
  notYourWave: privateNote('This wave is not yours: only the builder who asked for it can buy its labels.'),
};
