/**
 * @module erase-offer
 * What an erasure cannot undo, offered before it wherever a member erases (issue 79): in
 * `/c500 privacy`'s question and on the dashboard's Your data page, above its Erase me. Each
 * open pledge stays (its card is charged at the close if the minimum is met, erased or not),
 * with its group buy's post to press Leave on first; each live bid is withdrawn. One wording
 * for both, in Discord's markdown (`**bold**`), which the page turns into HTML.
 */

/** What the offer lists: pledges to leave on their posts, and live bids the erasure withdraws. */
export interface UndoFirst {
  leaveFirst: readonly { title: string; postUrl: string }[];
  live: readonly string[];
}

export const nothingToUndoFirst: UndoFirst = { leaveFirst: [], live: [] };

export const undoFirstHeading = 'Before you erase: what erasing cannot undo';

/** A line each, pledges first; none when there is nothing to end first. */
export function undoFirstLines(first: UndoFirst): string[] {
  return [
    ...first.leaveFirst.map(
      (pledge) =>
        `Your pledge to **${pledge.title}** stays, and your card is charged at the close if the minimum is met. To leave it, press **Leave** on its post first.`,
    ),
    ...first.live.map((line) => `${line}: withdrawn when you erase, so it no longer bids or wins.`),
  ];
}

/** A link to a pledge's post, labelled within Discord's 80 characters for a button. */
export const leaveLinkLabel = (title: string): string => `Leave ${title}`.slice(0, 80);
