/**
 * @module commission-terms
 * What a builder types in the drop modal's kind field to sell a commission from a queue:
 * `commission 3 slots 6 weeks`, then optionally `one at a time` and the tranches of their
 * share released at each milestone proved live (`30% at parts-in`, the rest at `done`).
 * Every problem is said with what to type instead.
 */
import { milestones, type CommissionTerms, type Milestone, type Tranche } from '../../orders';

export const maxSlots = 50;
/** Two years: a promise further out than that is not one a buyer can hold anyone to. */
export const maxLeadWeeks = 104;

export const commissionForms =
  'Type `commission 3 slots 6 weeks` (three buyers, each promised six weeks after paying), add `one at a time` if you build one after another, and `30% at parts-in` to release part of your share at a milestone (the rest is released at `done`).';

export type TermsResult = { ok: true; terms: CommissionTerms } | { ok: false; reason: string };

const milestoneWords = milestones.join('`, `');

/**
 * Reads what follows `commission` in the kind field (already lower-cased, dashes plain).
 * @example readCommissionTerms('3 slots 6 weeks 30% at parts-in') // 3 slots, 6 weeks, 30 % at parts-in, 70 % at done
 */
export function readCommissionTerms(rest: string): TermsResult {
  let text = ` ${rest.trim()} `;
  const take = (pattern: RegExp): RegExpExecArray | undefined => {
    const found = pattern.exec(text) ?? undefined;
    if (found) text = text.slice(0, found.index) + ' ' + text.slice(found.index + found[0].length);
    return found;
  };
  const slots = take(/\s(\S+)\s*slots?\s/);
  const weeks = take(/\s(\S+)\s*(?:weeks?|wks?)\s/);
  const oneAtATime = take(/\sone\s+at\s+a\s+time\s/) !== undefined;
  const tranches: Array<{ percent: string; milestone: string }> = [];
  for (let found = take(/\s(\S+?)\s*%\s*at\s+(\S+)\s/); found; found = take(/\s(\S+?)\s*%\s*at\s+(\S+)\s/))
    tranches.push({ percent: found[1] ?? '', milestone: found[2] ?? '' });
  const left = text.trim();

  if (!slots) return refuse(`how many buyers does it take? ${commissionForms}`);
  if (!isWhole(slots[1], 1, maxSlots)) return refuse(`slots must be a whole number from 1 to ${maxSlots}, like \`commission 3 slots 6 weeks\`.`);
  if (!weeks) return refuse(`how many weeks after paying is each build promised? Type it after the slots, like \`commission ${slots[1]} slots 6 weeks\`.`);
  if (!isWhole(weeks[1], 1, maxLeadWeeks)) return refuse(`the lead time must be a whole number of weeks from 1 to ${maxLeadWeeks}, like \`6 weeks\`.`);
  if (left) return refuse(`\`${left.slice(0, 30)}\` isn’t part of a commission’s terms. ${commissionForms}`);
  const plan = readTranches(tranches);
  if (!plan.ok) return plan;
  return { ok: true, terms: { slots: Number(slots[1]), leadWeeks: Number(weeks[1]), oneAtATime, tranches: plan.tranches } };
}

/**
 * Tranches alone, as a group buy takes them (`tranches:30% at parts-in, 20% at assembled`):
 * read as a commission's, commas and `and` allowed between them; nothing typed is none (all at `done`).
 * @example readTrancheTerms('30% at parts-in') // 30 % at parts-in, 70 % at done
 */
export function readTrancheTerms(raw: string): { ok: true; tranches: Tranche[] } | { ok: false; reason: string } {
  let text = ` ${raw
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/,|\band\b/g, ' ')} `;
  const typed: Array<{ percent: string; milestone: string }> = [];
  for (let found = /\s(\S+?)\s*%\s*at\s+(\S+)\s/.exec(text); found; found = /\s(\S+?)\s*%\s*at\s+(\S+)\s/.exec(text)) {
    typed.push({ percent: found[1] ?? '', milestone: found[2] ?? '' });
    text = text.slice(0, found.index) + ' ' + text.slice(found.index + found[0].length);
  }
  const left = text.trim();
  if (left) return refuse(`\`${left.slice(0, 30).trim()}\` isn’t a tranche: type \`30% at parts-in\`, one part for each milestone (\`${milestoneWords}\`).`);
  return readTranches(typed);
}

function readTranches(typed: ReadonlyArray<{ percent: string; milestone: string }>): { ok: true; tranches: Tranche[] } | { ok: false; reason: string } {
  const byMilestone = new Map<Milestone, number>();
  for (const { percent, milestone } of typed) {
    if (!(milestones as readonly string[]).includes(milestone)) return refuse(`\`${milestone.slice(0, 20)}\` isn’t a milestone: use \`${milestoneWords}\`.`);
    if (!isWhole(percent, 1, 100)) return refuse(`a part released at a milestone is a whole percent from 1 to 99, like \`30% at parts-in\`.`);
    if (byMilestone.has(milestone as Milestone)) return refuse(`\`${milestone}\` is named twice: give each milestone one part.`);
    byMilestone.set(milestone as Milestone, Number(percent));
  }
  const before = [...byMilestone].filter(([m]) => m !== 'done').reduce((sum, [, p]) => sum + p, 0);
  const atDone = byMilestone.get('done');
  // `done` always releases something: it is what ends the build, and what a buyer waits for.
  if (before > 99 && atDone === undefined) return refuse(`the parts before \`done\` add up to ${before}%: leave at least 1% for \`done\`.`);
  if (atDone !== undefined && (before + atDone !== 100 || before > 99))
    return refuse(`the parts add up to ${before + atDone}%: with \`done\` named, they must add up to 100% (or leave \`done\` out and it takes the rest).`);
  if (byMilestone.size === 0) return { ok: true, tranches: [] };
  // In milestone order, `done` always last with whatever the others leave (possibly nothing).
  const tranches = milestones.filter((m) => m !== 'done' && byMilestone.has(m)).map((m) => ({ milestone: m, percent: byMilestone.get(m) ?? 0 }));
  return { ok: true, tranches: [...tranches, { milestone: 'done', percent: 100 - before }] };
}

const isWhole = (text: string | undefined, min: number, max: number) => /^\d{1,4}$/.test(text ?? '') && Number(text) >= min && Number(text) <= max;

const refuse = (reason: string) => ({ ok: false as const, reason });

/** The terms as a builder would say them back: `3 slots · 6 weeks · one at a time · 30% at parts-in, 70% at done`. */
export function termsText(terms: CommissionTerms): string {
  const parts = [`${terms.slots} ${terms.slots === 1 ? 'slot' : 'slots'}`, `${terms.leadWeeks} ${terms.leadWeeks === 1 ? 'week' : 'weeks'}`];
  if (terms.oneAtATime) parts.push('one at a time');
  if (terms.tranches.length > 0) parts.push(terms.tranches.map((t) => `${t.percent}% at ${t.milestone}`).join(', '));
  return parts.join(' · ');
}
