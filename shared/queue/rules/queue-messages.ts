/**
 * @module queue-messages
 * `/c500 queue`: a builder's line as a member of one server reads it. Each place shows the
 * item, the milestone proved and the promised date; the buyer's name only when the order
 * was made in this server and the buyer has not hidden it (`/c500 profile queue-name:hide`),
 * else "a buyer". The one who asks sees their own place marked.
 */
import type { DiscordMessage } from '../../ports';
import { EPHEMERAL, clip, colors, privateNote } from '../../discord';
import type { LinePlace } from './queue-line';
import type { BuilderRecord } from './builder-record';

/** Discord shows at most this many places in one answer; the rest are counted. */
export const placesShown = 20;

export interface LineViewer {
  userId: string;
  guildId: string;
}

/** A place with where its order was made, and whether its buyer hid their name. */
export type ShownPlace = LinePlace & { guildId: string; nameHidden: boolean };

const dateOf = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:D>`;
/** Markdown a person typed into their name is shown as text, never as formatting. */
const plain = (text: string) => text.replace(/[\\*_~`|>#[\]()<@]/g, (c) => `\\${c}`);

function whoFor(place: ShownPlace, viewer: LineViewer): string {
  if (place.buyerId === viewer.userId) return 'you';
  if (place.guildId !== viewer.guildId || place.nameHidden) return 'a buyer';
  return plain(clip(place.buyerName, 40));
}

export function placeLine(place: ShownPlace, viewer: LineViewer): string {
  const step = place.milestone ? `**${place.milestone}**` : 'waiting to start';
  const when = `${place.late ? 'was promised' : 'promised'} ${dateOf(place.promisedAt)}${place.delayed ? ' (moved once)' : ''}${place.late ? ' · **late**' : ''}`;
  const line = `**#${place.position}** ${plain(clip(place.title, 60))} · for ${whoFor(place, viewer)} · ${step} · ${when}`;
  return place.buyerId === viewer.userId ? `➜ ${line} · \`${place.orderId}\`` : line;
}

export function recordLine(record: BuilderRecord): string {
  if (record.completed === 0) return 'No commission finished on C500 yet.';
  return `${record.completed} ${record.completed === 1 ? 'build' : 'builds'} done · ${record.onTimePercent}% on time · median ${record.medianLeadDays} days from payment to done. From C500’s own orders.`;
}

export function queueView(builderName: string, places: readonly ShownPlace[], viewer: LineViewer, record: BuilderRecord, pageUrl: string): DiscordMessage {
  const shown = places.slice(0, placesShown);
  const mine = places.filter((p) => p.buyerId === viewer.userId && !shown.includes(p));
  const more = places.length - shown.length;
  const lines = [...shown.map((p) => placeLine(p, viewer)), ...(more > 0 ? [`…and ${more} more in line.`] : []), ...mine.map((p) => placeLine(p, viewer))];
  return {
    flags: EPHEMERAL,
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: clip(`${builderName}’s commission queue`, 256),
        description: clip(places.length === 0 ? 'Nobody is waiting: the line is empty.' : lines.join('\n'), 4_000),
        color: places.some((p) => p.late) ? colors.rose : colors.mint,
        fields: [
          { name: 'Record', value: recordLine(record) },
          { name: 'Public page', value: pageUrl },
        ],
      },
    ],
  };
}

export const queueRefusals = {
  notABuilder: privateNote('That member has no commission queue on C500. Name a builder with `/c500 queue line builder:@name`.'),
};
