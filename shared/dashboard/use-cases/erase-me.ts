/**
 * @module erase-me
 * The Your data page's **Erase me**, sent: refused when its form has expired (15 minutes, see
 * rules/erase-form) or its box is not ticked; otherwise the member's data erased as
 * `/c500 privacy` erases it, their session ended, and a page saying what was done, with no
 * form left to send again.
 */
import { nothingNewWords, eraseMemberData, type ErasureOutcome } from '../../privacy';
import { eraseFormFresh } from '../rules/erase-form';
import { messagePage, type Frame, type Section } from '../rules/pages/layout';
import type { DashboardSession } from '../rules/session';
import { signOut } from './session-check';
import type { DashboardDeps } from './dashboard-deps';

export interface EraseMeAnswer {
  status: number;
  page: string;
  /** The cookie's end, once the erasure ended the session. */
  setCookie?: string;
}

export async function eraseMe(
  deps: DashboardDeps,
  session: DashboardSession,
  form: Record<string, string | undefined>,
  frame: (title: string, section: Section) => Frame,
): Promise<EraseMeAnswer> {
  const back = { href: '/dashboard/me', label: 'Back to your data' };
  if (!eraseFormFresh(form.erase, session.sessionId, deps.settings.sessionKey, deps.clock.now().getTime()))
    return {
      status: 400,
      page: messagePage(
        frame('Erase me', 'me'),
        'This form has expired',
        ['The Erase me form works for 15 minutes after its page was opened. Open Your data again and erase from there.'],
        back,
      ),
    };
  if (form.confirm !== 'yes')
    return {
      status: 400,
      page: messagePage(
        frame('Erase me', 'me'),
        'Tick the box first',
        ['Erasing cannot be undone, so it asks you to tick the box that says what goes and what stays.'],
        back,
      ),
    };
  const outcome = await eraseMemberData(deps, session.userId);
  // Answered from the last erasure (the sign-in that made this session came before it, or it would have searched): the session stays.
  if (outcome.kind === 'nothing-new')
    return { status: 200, page: messagePage(frame('Erase me', 'me'), 'Nothing new to erase', [nothingNewWords(outcome.erasedAt)], back) };
  // Erasure ended this session too: the browser's cookie goes with it, and the page is made without it (no form, no menu of a signed-in member).
  const page = messagePage({ title: 'Erased', section: 'me' }, 'Your data is erased', erasureLines(outcome), { href: '/', label: 'Home' });
  return { status: 200, page, setCookie: (await signOut(deps, session)).setCookie };
}

function erasureLines(outcome: Exclude<ErasureOutcome, { kind: 'nothing-new' }>): string[] {
  if (outcome.kind === 'already-erased') return [`Your data was already erased on ${outcome.erasedAt.slice(0, 10)}; nothing more was found to erase.`];
  if (outcome.kind === 'nothing-kept') return ['C500 keeps nothing about you.'];
  return [`${outcome.changed} records erased or stripped of your name.`, ...outcome.kept.map((kept) => `Kept under your id alone until it ends: ${kept}.`)];
}
