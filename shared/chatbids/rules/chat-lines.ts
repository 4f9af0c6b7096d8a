/**
 * @module chat-lines
 * Many lines, one chat message: what the bot says in a channel at most once a second,
 * within Twitch's 500 characters. Must lines (the hammer, a winner's pay link) come first
 * and are never dropped: what does not fit waits for the next message. A winner's pay link
 * goes ahead of the other must lines (sign-in links for new chatters). Then the latest
 * state of the auction, then the rest, with grouped lines merged
 * (`@bo @cy: too low, next $530`); whatever of those does not fit is dropped, since the
 * next message says the newer state anyway. A message Twitch drops (rate limited, busy) is
 * said again with its must lines and, once, its lines to someone (a bidder's refusal).
 */
import type { ChatLine } from '../../ports';
import { chatMessageMaxChars } from './chat-bid';

/** Between the lines of one chat message. */
export const chatLineSeparator = ' · ';

export interface ComposedChat {
  text: string;
  /** The must lines this message says: put back if Twitch drops it. */
  said: ChatLine[];
  /** Must lines that did not fit: put back for the next message. */
  later: ChatLine[];
  /**
   * The other lines this message says that speak to someone (not an auction's state, which the
   * next message says newer) and were never in a dropped message before: put back once if
   * Twitch drops this one, or a refused bidder at a lot's tail may never hear why.
   */
  once: ChatLine[];
}

export function composeChatMessage(lines: readonly ChatLine[], maxChars = chatMessageMaxChars): ComposedChat | undefined {
  // Lines said ahead first; otherwise in the order they were queued.
  const must = [...lines.filter((l) => l.must && l.ahead), ...lines.filter((l) => l.must && !l.ahead)];
  const rest = mergeGroups(lines.filter((l) => !l.must));
  const parts: string[] = [];
  const said: ChatLine[] = [];
  const later: ChatLine[] = [];
  const once: ChatLine[] = [];
  const fits = (text: string) => [...parts, text].join(chatLineSeparator).length <= maxChars;
  for (const line of must) {
    const text = clipped(line.text, maxChars);
    if (later.length === 0 && fits(text)) {
      parts.push(text);
      said.push(line);
    } else later.push(line);
  }
  if (later.length === 0)
    for (const { text, lines: from } of rest)
      if (fits(text)) {
        parts.push(text);
        once.push(...from.filter((l) => l.slot === undefined && (l.failedSends ?? 0) === 0));
      }
  if (parts.length === 0) return undefined;
  return { text: parts.join(chatLineSeparator), said, later, once };
}

/** The lines of a message Twitch dropped that are said once more: each marked, so a second drop lets it go. */
export const dropOnceMore = (lines: readonly ChatLine[]): ChatLine[] => lines.map((line) => ({ ...line, failedSends: 1 }));

/** A must line is sent again after this many sends with it in them failed or were refused: Twitch may refuse it for good. */
export const mustLineSends = 5;

/**
 * The must lines of a send that failed or was refused, to put back: each counted once more,
 * and those that have been in `mustLineSends` failed sends let go (`givenUp`), so a line
 * Twitch never takes cannot hold every later message back.
 */
export function mustLinesAfterFailure(said: readonly ChatLine[]): { again: ChatLine[]; givenUp: ChatLine[] } {
  const counted = said.map((line) => ({ ...line, failedSends: (line.failedSends ?? 0) + 1 }));
  return { again: counted.filter((l) => l.failedSends < mustLineSends), givenUp: counted.filter((l) => l.failedSends >= mustLineSends) };
}

/** How long to wait before sending must lines again after a refusal: 2 s, doubling with each refusal, at most `capMs`. */
export function retryAfterRefusalMs(lines: readonly ChatLine[], capMs: number): number {
  const failed = Math.max(1, ...lines.map((l) => l.failedSends ?? 1));
  return Math.min(capMs, 2_000 * 2 ** (failed - 1));
}

/** Lines of one group become one line: the logins, then the group's latest text; each with the lines it says. */
function mergeGroups(lines: readonly ChatLine[]): Array<{ text: string; lines: ChatLine[] }> {
  const out: ({ text: string; lines: ChatLine[] } | { name: string })[] = [];
  const groups = new Map<string, { logins: string[]; text: string; lines: ChatLine[] }>();
  for (const line of lines) {
    if (!line.group) {
      out.push({ text: line.text, lines: [line] });
      continue;
    }
    const group = groups.get(line.group.name);
    if (group) {
      if (!group.logins.includes(line.group.login)) group.logins.push(line.group.login);
      group.text = line.text;
      group.lines.push(line);
    } else {
      groups.set(line.group.name, { logins: [line.group.login], text: line.text, lines: [line] });
      out.push({ name: line.group.name });
    }
  }
  return out.map((part) => {
    if (!('name' in part)) return part;
    const group = groups.get(part.name) as { logins: string[]; text: string; lines: ChatLine[] };
    return { text: `${mentions(group.logins)}: ${group.text}`, lines: group.lines };
  });
}

/** At most eight names: a summary of a herd is not a roll call. */
function mentions(logins: readonly string[]): string {
  const shown = logins.slice(0, 8).map((l) => `@${l}`);
  return logins.length > 8 ? `${shown.join(' ')} +${logins.length - 8}` : shown.join(' ');
}

function clipped(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}
