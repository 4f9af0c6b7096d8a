/**
 * @module group-buy-page
 * A group buy's public page (`/groupbuy/<id>`), in the site's layout: the picture, the
 * description, the price, the units pledged toward the MOQ as a bar, the close and the time
 * left, the ship estimate, the terms in words, the state and how to join (its post in
 * Discord); once funded, production step by step, each proved live with its link or still to
 * come. Pledges are counted, never named. Every text from the builder is escaped; the
 * picture is shown only from an https link.
 */
import { escapeHtml, page } from '../../common';
import { groupBuyLimits, type GroupBuyStatus } from './group-buy';
import { dayName, monthName, peopleText, productionLine, refundTerms, unitPrice, unitsText } from './group-buy-messages';
import type { PublicGroupBuy, PublicMilestone } from './public-group-buy';
import { proofKindWords } from './production';

const stateLabels: Record<GroupBuyStatus, string> = {
  open: 'Open',
  charging: 'Charging',
  funded: 'Funded',
  'not-met': 'Not met',
  cancelled: 'Cancelled',
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * The time left to the close, in words at the grain a buyer needs.
 * @example timeLeftText(2 * 86_400_000 + 3 * 3_600_000) // 'in 2 days, 3 hours'
 */
export function timeLeftText(ms: number): string {
  if (ms <= 0) return 'closing now';
  const minutes = Math.ceil(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `in ${plural(days, 'day')}${hours > 0 ? `, ${plural(hours, 'hour')}` : ''}`;
  if (hours > 0) return `in ${plural(hours, 'hour')}${rest > 0 ? `, ${plural(rest, 'minute')}` : ''}`;
  return `in ${plural(rest, 'minute')}`;
}

/** `<time>` of a moment, read as `10 December 2026, 18:00 UTC`. */
function when(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(`${dayName(iso)}, ${iso.slice(11, 16)} UTC`)}</time>`;
}

/** Funded below the minimum (pay links lapsed and the waitlist could not fill them): said, not hidden. */
const shortWords = (g: PublicGroupBuy) =>
  (g.fundedUnits ?? 0) < g.moq ? ' Its minimum was met at the close; buyers who did not pay their link since left it short.' : '';

/** The state in words: open with the time left, charging, funded with its units, not met, or called off. */
export function stateWords(g: PublicGroupBuy): string {
  const closed = when(g.closedAt ?? g.closesAt);
  switch (g.status) {
    case 'open':
      return `Taking pledges until ${when(g.closesAt)} (${timeLeftText(Date.parse(g.closesAt) - Date.parse(g.serverTime))})${g.extended ? ', extended once by the builder' : ''}. Nobody is charged unless the minimum is met by then.`;
    case 'charging':
      return `Closed ${closed} with its minimum met: pledges are being charged now${g.fundedUnits ? ` (${unitsText(g.fundedUnits)} so far)` : ''}.`;
    case 'funded':
      return `Funded: ${unitsText(g.fundedUnits ?? 0)} (minimum ${unitsText(g.moq)}), charged at the close ${closed}.${shortWords(g)} Production is proven live, step by step.`;
    case 'not-met':
      return `Closed ${closed} short of its minimum of ${unitsText(g.moq)}: nobody was charged.`;
    case 'cancelled':
      return g.calledOff === 'after-close'
        ? 'Called off by the builder after its close: every buyer is refunded in full.'
        : 'Called off by the builder: nobody was charged.';
  }
}

/** The units pledged toward the MOQ: a bar drawn in CSS, the figures, and the cap if any. */
function progressSection(g: PublicGroupBuy): string {
  const percent = Math.min(100, Math.floor((g.pledgedUnits * 100) / Math.max(1, g.moq)));
  const met = g.pledgedUnits >= g.moq;
  const short = g.status === 'open' && !met ? `: ${unitsText(g.moq - g.pledgedUnits)} more needed` : '';
  const cap = g.cap ? `<p class="hint">At most ${unitsText(g.cap)}: pledges beyond wait on a waitlist, and move in if units free up.</p>` : '';
  return `<section class="panel groupbuy-progress" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Toward the minimum</h2>
          <div class="moq-bar${met ? ' met' : ''}" role="progressbar" aria-label="Units pledged toward the minimum" aria-valuemin="0" aria-valuemax="${g.moq}" aria-valuenow="${Math.min(g.pledgedUnits, g.moq)}"><span class="moq-fill" style="width: ${percent}%"></span></div>
          <p class="moq-figures"><strong>${g.pledgedUnits.toLocaleString('en-US')} / ${unitsText(g.moq)}</strong> pledged by ${peopleText(g.pledgers)}${met ? ' ✓ minimum met' : short}</p>
          ${cap}
        </section>`;
}

/** How to join: the post's **Join** while open, what it costs and when; a closed one takes no more. */
function joinSection(g: PublicGroupBuy): string {
  const post = g.postUrl ? `<a href="${escapeHtml(g.postUrl)}">its post in Discord</a>` : 'its post in the Discord server where it was opened';
  if (g.status !== 'open') {
    return `<h2>Joining</h2>
        <p>It has closed and takes no more pledges. The count and the news are on ${post}.</p>`;
  }
  const button = g.postUrl ? `\n        <p class="actions"><a class="button" href="${escapeHtml(g.postUrl)}">Join on Discord</a></p>` : '';
  return `<h2>How to join</h2>
        <p>Press <strong>Join</strong> on ${post}, say how many (1 to ${groupBuyLimits.maxQuantity}), and save a card on Stripe’s page. Nothing is charged now: at the close, ${escapeHtml(unitPrice(g))} a unit is charged only if the minimum is met. <strong>Leave</strong> on the post before the close costs nothing.</p>${button}`;
}

/** One step of production: proved live on a day with its link, or still to come. */
function stepLine(step: PublicMilestone): string {
  const share = step.percent > 0 ? ` (${step.milestone === 'done' ? 'the rest' : `${step.percent}%`} of the builder’s share)` : '';
  if (!step.proved) return `<li data-state="to-come"><strong>${step.milestone}</strong>${share}: still to come</li>`;
  const on = step.provedAt ? ` on ${when(step.provedAt)}` : '';
  const link = step.proofUrl && step.proofKind ? `: <a href="${escapeHtml(step.proofUrl)}" rel="noopener">watch ${proofKindWords(step.proofKind)}</a>` : '';
  return `<li data-state="proved">✓ <strong>${step.milestone}</strong>${share}: proved live${on}${link}</li>`;
}

/** Production as a line everyone can watch: only a funded group buy is built, so only it has one. */
function productionSection(g: PublicGroupBuy): string {
  if (g.status !== 'funded') return '';
  return `<section class="panel groupbuy-production" aria-labelledby="production-heading">
          <h2 id="production-heading">Production, proven live</h2>
          <ol class="production-steps">
            ${g.production.map(stepLine).join('\n            ')}
          </ol>
        </section>`;
}

function pictureOf(g: PublicGroupBuy): string {
  return g.imageUrl
    ? `<img class="groupbuy-picture" src="${escapeHtml(g.imageUrl)}" alt="${escapeHtml(g.title)}" referrerpolicy="no-referrer" loading="lazy">`
    : '';
}

export function groupBuyPageHtml(g: PublicGroupBuy): string {
  const description = g.description ? `<p class="lede">${escapeHtml(g.description)}</p>` : '';
  const body = `  <main id="main" class="groupbuy-page">
    <section>
      <div class="wrap">
        <p class="eyebrow">Group buy by ${escapeHtml(g.builderName)}</p>
        <h1>${escapeHtml(g.title)}</h1>
        <div class="groupbuy-head${g.imageUrl ? ' with-picture' : ''}">
          ${pictureOf(g)}
          <div class="groupbuy-summary">
            ${description}
            <p class="groupbuy-price"><strong>${escapeHtml(unitPrice(g))}</strong> a unit</p>
            <p class="status-line"><span class="pill" data-status="${g.status}">${stateLabels[g.status]}</span> ${stateWords(g)}</p>
          </div>
        </div>
        ${progressSection(g)}
        ${productionSection(g)}
        <dl class="facts">
          <dt>Closes</dt><dd>${when(g.closesAt)}</dd>
          <dt>Ships</dt><dd>estimated ${escapeHtml(monthName(g.shipsMonth))}</dd>
          <dt>Builder paid</dt><dd>${escapeHtml(productionLine(g))}</dd>
        </dl>
        <h2>Terms</h2>
        <p>${escapeHtml(refundTerms(g))}</p>
        ${joinSection(g)}
      </div>
    </section>
  </main>`;
  return page({ title: `Group buy: ${g.title}`, head: '<link rel="stylesheet" href="/groupbuy.css">' }, body);
}

/** The page for an id that names no group buy (404), or is not an id at all (400). */
export function groupBuyMissingHtml(reason: 'malformed' | 'not-found'): string {
  const [title, lede] =
    reason === 'malformed'
      ? ['Not a group buy link', 'A group buy’s id is 8 letters and digits, as at the foot of its post in Discord. Check the link.']
      : ['No such group buy', 'Check the link on the group buy’s post in Discord, or ask its builder.'];
  return page(
    { title },
    `  <main id="main"><section class="lost"><div class="wrap"><h1>${title}</h1><p class="lede">${lede}</p><p class="actions"><a class="button" href="/">C500 Collective</a></p></div></section></main>`,
  );
}
