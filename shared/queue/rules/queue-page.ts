/**
 * @module queue-page
 * The public page of a builder's queue (`/queue/<builder id>`), its JSON and the overlay's
 * feed: what anyone may see, so nothing personal: no buyer's name or id, no order id, only
 * each place's item, milestone and promised date, and the builder's record with where it
 * comes from.
 */
import { escapeHtml, page } from '../../common';
import type { Milestone } from '../../orders';
import type { BuilderRecord } from './builder-record';
import type { LinePlace } from './queue-line';

export interface PublicPlace {
  position: number;
  title: string;
  milestone: Milestone | null;
  promisedAt: string;
  late: boolean;
  delayed: boolean;
}

export interface PublicQueue {
  builderId: string;
  builderName: string;
  places: PublicPlace[];
  record: BuilderRecord & { source: string };
  at: string;
}

/** Places a page lists; a longer line is counted, never cut silently. */
export const publicPlaces = 100;

export const recordSource = 'Computed from C500’s own orders: a build counts as on time when its done was proved live by the date first promised.';

export function publicQueue(builderId: string, builderName: string, places: readonly LinePlace[], record: BuilderRecord, now: Date): PublicQueue {
  return {
    builderId,
    builderName,
    places: places.slice(0, publicPlaces).map((p) => ({
      position: p.position,
      title: p.title,
      milestone: p.milestone ?? null,
      promisedAt: p.promisedAt,
      late: p.late,
      delayed: p.delayed,
    })),
    record: { ...record, source: recordSource },
    at: now.toISOString(),
  };
}

/** A day as Discord writes one (`<t:…:D>` in English): January 7, 2027. */
const dayOf = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
const stepNames: Record<Milestone, string> = { 'parts-in': 'Parts in', assembly: 'Assembly', 'sound-test': 'Sound test', done: 'Done' };

function placeRow(place: PublicPlace): string {
  const step = place.milestone ? stepNames[place.milestone] : 'Waiting to start';
  const promise = `${place.late ? 'Was promised' : 'Promised'} <time datetime="${escapeHtml(place.promisedAt)}">${dayOf(place.promisedAt)}</time>${place.delayed ? ' (moved once)' : ''}`;
  return `          <li class="place${place.late ? ' late' : ''}${place.position === 1 ? ' now' : ''}">
            <span class="position">#${place.position}</span>
            <span class="item">${escapeHtml(place.title)}</span>
            <span class="step">${escapeHtml(step)}</span>
            <span class="promise">${promise}${place.late ? ' · <strong>late</strong>' : ''}</span>
          </li>`;
}

function recordText(record: PublicQueue['record']): string {
  if (record.completed === 0) return 'No commission finished on C500 yet.';
  return `${record.completed} ${record.completed === 1 ? 'build' : 'builds'} done · ${record.onTimePercent}% on time · median ${record.medianLeadDays} days from payment to done`;
}

export function queuePageHtml(queue: PublicQueue, total: number): string {
  const more = total - queue.places.length;
  const body = `  <main id="main" class="queue-page">
    <section>
      <div class="wrap">
        <h1>${escapeHtml(queue.builderName)}’s commission queue</h1>
        <p class="lede">${queue.places.length === 0 ? 'Nobody is waiting: the line is empty.' : `${total} ${total === 1 ? 'build' : 'builds'} in line, oldest first. Each step is proven live on stream.`}</p>
        <ol class="queue-line" aria-label="The line">
${queue.places.map(placeRow).join('\n')}
        </ol>
${more > 0 ? `        <p>…and ${more} more in line.</p>\n` : ''}        <section class="notice record" aria-label="Record">
          <h2>Record</h2>
          <p class="record-figures">${escapeHtml(recordText(queue.record))}</p>
          <p class="record-source">${escapeHtml(queue.record.source)}</p>
        </section>
      </div>
    </section>
  </main>`;
  return page({ title: `${queue.builderName}’s queue`, head: '<link rel="stylesheet" href="/queue.css">' }, body);
}

export function queueNotFoundHtml(): string {
  return page(
    { title: 'No such queue' },
    `  <main id="main"><section class="lost"><div class="wrap"><h1>No such queue</h1><p class="lede">This builder has no commission queue on C500. Check the link, or ask the builder for theirs.</p></div></section></main>`,
  );
}
