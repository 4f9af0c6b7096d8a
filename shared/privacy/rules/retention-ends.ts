/**
 * @module retention-ends
 * What keeps each promise of the table of kept data: every distinct `keptFor` there, and the
 * code that ends what it names when it says. A promise with no line here, or a line naming a
 * sweep that does not run, fails shared/router/test/retention-ends.test.ts, so no period is
 * promised that nothing keeps.
 */
import { erasureAsksKept, paymentRecord, untilErased } from './kept-data-words';
import { untilGroupBuyDone, untilInterestCheckEnds, whileCheckPosted, whilePledged } from './kept-data-groupbuys';

/** The part of the hourly retention sweep (`retentionSweep`, shared/router/retention-wiring.ts) that ends it. */
type BySweep = { by: 'sweep'; part: string };
/** Another scheduled function of the registry. */
type ByJob = { by: 'job'; name: string };
/** Firestore's TTL policy on the field (terraform), and the local runtime's sweep part that stands in for it. */
type ByTtl = { by: 'ttl'; field: string; locally: string };
/** The use case that ends the obligation ends the record, or its fact, as it happens (named in `how`). */
type ByObligation = { by: 'obligation'; how: string };
/** The member's own act (unlinking, changing a choice) or their erasure; nothing else holds it. */
type ByMember = { by: 'member'; how: string };
/** A fact that lives as long as the record it is on, whose own promise ends it. */
type ByRecord = { by: 'record' };

export type RetentionEnd = BySweep | ByJob | ByTtl | ByObligation | ByMember | ByRecord;

export const retentionEnds: Readonly<Record<string, RetentionEnd | readonly RetentionEnd[]>> = {
  [paymentRecord]: { by: 'sweep', part: 'paymentRecords' },
  [untilErased]: { by: 'sweep', part: 'idleChatters' },
  'a year after the last strike': { by: 'sweep', part: 'strikes' },
  'as long as the record it is on': { by: 'record' },
  '90 days after the buyer confirms receipt': { by: 'job', name: 'orderSweep' },
  'until the auction is closed and its order paid or passed on, then 30 days (the bid-history sweep)': { by: 'sweep', part: 'bidHistories' },
  'until the dispute closes, then as a payment record': [
    { by: 'sweep', part: 'erasuresKeptWhileOpen' },
    { by: 'sweep', part: 'paymentRecords' },
  ],
  'while money is pending, then as a payment record': [
    { by: 'sweep', part: 'erasuresKeptWhileOpen' },
    { by: 'sweep', part: 'paymentRecords' },
  ],
  'until the last kept record ends': [
    { by: 'sweep', part: 'erasuresKeptWhileOpen' },
    { by: 'sweep', part: 'paymentRecords' },
  ],
  "until the server's data is erased": { by: 'sweep', part: 'serverLeaves' },
  'while chat bids are on, and a year after they were turned off, or until the owner erases their data': { by: 'sweep', part: 'idleChatters' },
  'until the session expires (hours, a day at most)': { by: 'ttl', field: 'dashboardSessions.expiresAt', locally: 'dashboardSessions' },
  'until its expiry (30 days)': { by: 'ttl', field: 'processed.expiresAt', locally: 'redeliveryRecords' },
  [erasureAsksKept]: { by: 'ttl', field: 'privacyAsks.expiresAt', locally: 'erasureAsks' },
  'until the auction is closed and its order paid or passed on': { by: 'obligation', how: 'the hammer and second chances; an erasure asks the sweep' },
  'until the lot goes up': { by: 'obligation', how: 'the lot opening places its pre-bids and empties them' },
  'while the drop has open orders': { by: 'obligation', how: 'the drop’s orders closing; an erasure asks the sweep' },
  'until the checkout is paid or expires': { by: 'obligation', how: 'the payment, or the order sweep releasing an unpaid checkout, deletes the hold' },
  'while the builder has commissions': { by: 'obligation', how: 'the queue emptying as commissions are served' },
  'until the show ends and its orders close': { by: 'obligation', how: 'the show’s end and its orders closing' },
  'while they have an open order or money owed': { by: 'obligation', how: 'the builder’s last order closing; an erasure asks the sweep' },
  'until the next fold, a second or so': { by: 'obligation', how: 'the race’s fold deletes the sale once credited' },
  "until the prize's order closes": { by: 'obligation', how: 'the prize’s order closing' },
  'until the giveaway is drawn and its prize delivered': { by: 'obligation', how: 'the draw and the prize’s delivery' },
  'until unlinked or erased': { by: 'member', how: 'unlinking Twitch, or erasure' },
  [whileCheckPosted]: [
    { by: 'member', how: 'erasure deletes a builder’s check' },
    { by: 'sweep', part: 'serverLeaves' },
  ],
  [untilInterestCheckEnds]: [
    {
      by: 'obligation',
      how: 'the check opening as a group buy deletes its interest once everyone is told; its end task (`interest-check-end-<id>`, 30 days after posting) deletes what is left',
    },
    { by: 'member', how: '**Not interested** deletes an interest; erasure deletes it, lowering the check’s counts' },
    { by: 'sweep', part: 'serverLeaves' },
  ],
  [untilGroupBuyDone]: {
    by: 'obligation',
    how: 'the close (each pledge charged into an order, or all released) and those orders closing; an erasure asks the sweep',
  },
  [whilePledged]: { by: 'obligation', how: 'the close (an order takes the charge and the address) or leaving; an erasure asks the sweep' },
  'until the member erases their data': { by: 'member', how: 'erasure' },
  'until an admin lifts it (/c500 unblock) or the person erases their data': [
    { by: 'obligation', how: 'an admin’s `/c500 unblock` takes the entry out of the block list' },
    { by: 'member', how: 'erasure takes the person and their linked accounts out of every server’s block list (`forgetBlockedPerson`)' },
  ],
  'as long as the block': { by: 'record' },
  'while the member hides their name: until they show it again or erase their data': {
    by: 'member',
    how: '`/c500 profile queue-name:show` deletes the choice, as erasure does',
  },
  'while the builder sells in the server: until they change it, erase their data, or C500 leaves the server': [
    { by: 'member', how: '`/c500 shipping`, or erasure' },
    { by: 'sweep', part: 'serverLeaves' },
  ],
};

/** Each way a promise is kept, one list. */
export function endsOf(keptFor: string): readonly RetentionEnd[] {
  const ends = retentionEnds[keptFor];
  return ends === undefined ? [] : Array.isArray(ends) ? (ends as readonly RetentionEnd[]) : [ends as RetentionEnd];
}
