/**
 * @module answer-dashboard
 * One request to the `dashboard` function, answered: the route matched, the session checked
 * (a signed-out browser goes to Discord's sign-in and comes back where it was going), every
 * id in the path held to the session (a guild only if Discord says they administer it now,
 * an order only if it is theirs), every POST held to its CSRF token and its origin, and the
 * page, CSV or redirect made. What a person got wrong is a page saying so, with the status
 * it deserves; nothing here answers 5xx for bad input.
 */
import { matchRoute, maxFormBytes, type DashboardRoute } from '../routes';
import { isCsrfToken, csrfTokenFor } from '../rules/session-cookie';
import { localSignInHints } from '../rules/sign-in-state';
import { administers, type DashboardSession } from '../rules/session';
import { csvDisposition } from '../rules/csv';
import { messagePage, type Frame, type Section } from '../rules/pages/layout';
import { orderPage, overviewPage } from '../rules/pages/overview-page';
import { startSignIn } from './sign-in';
import { checkSession, endedForSomeoneElse, signOut } from './session-check';
import { guildResults } from './platform-result-read';
import { reconcileGuild } from '../../payments';
import { resultPage } from '../rules/pages/result-page';
import { guildCsv, guildPageHtml, ownCsv, builderPageHtml, hostPageHtml, racerPageHtml } from './dashboard-reads';
import { releaseAnyway } from './release-anyway';
import { markHostPayoutPaid, orderFor, slipOrderFor, stripeLoginLink, type LoginLinkOutcome } from './dashboard-actions';
import { slipPage } from '../rules/pages/slip-page';
import { showPage } from '../rules/pages/show-page';
import { showPulseFor } from './show-overview';
import { exportMemberData, markActed } from '../../privacy';
import { eraseMe } from './erase-me';
import { yourDataHtml } from './your-data-lines';
import { debtPaidRefusals, guildDebtsHtml, ownDebtsHtml } from './debt-reads';
import { recordDebtPaid } from './debt-actions';
import type { DashboardDeps } from './dashboard-deps';
import { moneyReader } from './order-money';
import { moneyCheckHtml, recordBuyerPaidAnswer as recordBuyerPaid } from './money-check';

export interface DashboardRequest {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  cookie: string | undefined;
  /** A POST's form fields (`application/x-www-form-urlencoded`). */
  form: Record<string, string | undefined>;
  /** The `Origin` header, which browsers send with every POST. */
  origin: string | undefined;
  /** A POST whose body was over the most a form may be: nothing of it was read. */
  formTooLarge?: boolean;
}

export interface DashboardAnswer {
  status: number;
  body: string;
  contentType: 'text/html; charset=utf-8' | 'text/csv; charset=utf-8' | 'text/plain; charset=utf-8' | 'application/json; charset=utf-8';
  headers: Record<string, string>;
}

const html = (status: number, body: string, headers: Record<string, string> = {}): DashboardAnswer => ({
  status,
  body,
  contentType: 'text/html; charset=utf-8',
  headers,
});
const redirect = (location: string, headers: Record<string, string> = {}): DashboardAnswer => ({
  status: 303,
  body: '',
  contentType: 'text/plain; charset=utf-8',
  headers: { location, ...headers },
});

export async function answerDashboard(deps: DashboardDeps, request: DashboardRequest): Promise<DashboardAnswer> {
  const matched = matchRoute(request.method, request.path);
  const bare: Frame = { title: 'Dashboard', section: 'overview' };
  if (!matched.ok) {
    const page = messagePage(bare, matched.status === 404 ? 'Not found' : 'Not allowed', [
      matched.status === 404 ? 'There is no such dashboard page.' : 'This page does not take that method.',
    ]);
    return html(matched.status, page, matched.allow ? { allow: matched.allow } : {});
  }
  const { route } = matched;
  if ('action' in route && request.formTooLarge)
    return html(
      413,
      messagePage(
        bare,
        'Too much to send',
        [`That form sent more than ${maxFormBytes / 1024} KB, more than any dashboard form takes. Go back, shorten the note and send it again.`],
        {
          href: '/dashboard',
          label: 'Your dashboard',
        },
      ),
    );
  if ('page' in route && route.page === 'signed-out') {
    return html(
      200,
      messagePage({ title: 'Signed out', section: 'overview' }, 'You are signed out', ['Your dashboard session has ended on this browser.'], {
        href: '/dashboard',
        label: 'Sign in with Discord',
      }),
    );
  }
  const check = await checkSession(deps, request.cookie);
  const someoneElse = !('action' in route) && (await endedForSomeoneElse(deps, check, request.query.user_id));
  if (!check.signedIn && 'action' in route)
    return html(
      401,
      messagePage(bare, 'Sign in first', ['Your session has ended. Sign in with Discord again, then try once more.'], {
        href: '/dashboard',
        label: 'Sign in with Discord',
      }),
    );
  if (!check.signedIn || someoneElse) {
    const hints = Object.fromEntries(localSignInHints.flatMap((name) => (request.query[name] ? [[name, request.query[name] as string]] : [])));
    const go = startSignIn(deps, returnPath(request), hints);
    return redirect(go.location, { 'set-cookie': go.setCookie });
  }
  const { session, rightsKnown } = check;
  const frame = (title: string, section: Section, notice?: string): Frame => ({
    title,
    section,
    who: { displayName: session.displayName, adminGuilds: session.adminGuilds, csrf: csrfTokenFor(session.sessionId, deps.settings.sessionKey) },
    ...(notice ? { notice } : {}),
  });
  if ('action' in route) {
    if (!sameOrigin(request.origin, deps.settings.publicBaseUrl) || !isCsrfToken(request.form.csrf, session.sessionId, deps.settings.sessionKey)) {
      return html(
        403,
        messagePage(frame('Refused', 'overview'), 'That form is out of date', [
          'The page you sent it from was not this session’s. Reload the page and try again.',
        ]),
      );
    }
    const answer = await act(deps, session, rightsKnown, route, request, frame);
    // What a member does here may name them: should they have erased lately, their next erasure searches again.
    if (route.action !== 'erase-me' && route.action !== 'sign-out') await markActed(deps, session.userId);
    return answer;
  }
  return show(deps, session, rightsKnown, route, request, frame);
}

type FrameOf = (title: string, section: Section, notice?: string) => Frame;

async function show(
  deps: DashboardDeps,
  session: DashboardSession,
  rightsKnown: boolean,
  route: Extract<DashboardRoute, { page: string }>,
  request: DashboardRequest,
  frame: FrameOf,
): Promise<DashboardAnswer> {
  const notice = noticeOf(request.query.done);
  switch (route.page) {
    case 'overview':
      return html(200, overviewPage(frame('Dashboard', 'overview', notice), session.adminGuilds, rightsKnown));
    case 'builder':
      return html(200, await builderPageHtml(deps, frame('Builder', 'builder', notice), session, request.query));
    case 'host':
      return html(200, await hostPageHtml(deps, frame('Host', 'host'), session, request.query));
    case 'racer':
      return html(200, await racerPageHtml(deps, frame('Racer', 'racer'), session, request.query));
    case 'own-export':
      return csv(route.export.replace('/', '-'), await ownCsv(deps, session, route.export, request.query), deps);
    case 'order': {
      const found = await orderFor(deps.store, session, route.orderId, rightsKnown);
      // Someone who administered a server a few minutes ago may see its orders: say why not now, the same whatever the id.
      if (!found && !rightsKnown && session.adminGuilds.length > 0) return discordDidNotAnswer(frame, 'order');
      if (!found)
        return html(
          404,
          messagePage(frame('Not found', 'order'), 'No such order of yours', ['There is no order with that id among yours, your shows’ or your servers’.']),
        );
      const counted = (await moneyReader(deps.store, [found.order]))(found.order);
      return html(200, orderPage(frame(found.order.title, 'order'), counted, found.access));
    }
    case 'slip': {
      const order = await slipOrderFor(deps.store, session, route.orderId);
      // The same 404 whoever asks and whatever the id: a slip is its builder's, and nobody else learns the order exists.
      if (!order) return html(404, messagePage(frame('Not found', 'builder'), 'No such order of yours', ['Only an order’s builder has its packing slip.']));
      return html(200, slipPage(frame(`Packing slip ${order.orderId}`, 'builder'), order));
    }
    case 'guild':
    case 'guild-show':
    case 'guild-money-check':
    case 'guild-export': {
      const refusal = guildRefusal(session, rightsKnown, route.guildId, frame);
      if (refusal) return refusal;
      const guild = session.adminGuilds.find((g) => g.id === route.guildId) as DashboardSession['adminGuilds'][number];
      if (route.page === 'guild-money-check') return html(200, await moneyCheckHtml(deps, frame(`${guild.name}: money check`, 'guild', notice), guild));
      if (route.page === 'guild-export') return csv(`${route.export}-${guild.id}`, await guildCsv(deps, guild.id, route.export), deps);
      if (route.page === 'guild-show') {
        const { pulse, bookAnswered } = await showPulseFor(deps, guild.id);
        return html(200, showPage(frame(`${guild.name}: show`, 'guild'), guild, pulse, bookAnswered));
      }
      return html(200, await guildPageHtml(deps, frame(guild.name, 'guild', notice), guild, request.query));
    }
    case 'guild-result': {
      const refusal = guildRefusal(session, rightsKnown, route.guildId, frame);
      if (refusal) return refusal;
      const guild = session.adminGuilds.find((g) => g.id === route.guildId) as DashboardSession['adminGuilds'][number];
      const results = await guildResults(deps, guild.id);
      const page = frame(`${guild.name}: the platform’s result`, 'guild');
      return html(200, resultPage(page, guild.id, results));
    }
    case 'guild-reconciliation': {
      const refusal = guildRefusal(session, rightsKnown, route.guildId, frame);
      if (refusal) return refusal;
      // Read only: the daily run's copy of Stripe's ledger and the journal, never Stripe.
      const report = await reconcileGuild({ store: deps.store, clock: deps.clock }, route.guildId);
      const body = report ?? { error: 'The daily reconciliation has not run yet here: nothing was reconciled.' };
      return { status: report ? 200 : 503, body: JSON.stringify(body, null, 2), contentType: 'application/json; charset=utf-8', headers: {} };
    }
    case 'debts':
      return html(200, await ownDebtsHtml(deps, frame('What you owe', 'overview', notice), session));
    case 'guild-debts': {
      const refusal = guildRefusal(session, rightsKnown, route.guildId, frame);
      if (refusal) return refusal;
      const guild = session.adminGuilds.find((g) => g.id === route.guildId) as DashboardSession['adminGuilds'][number];
      return html(200, await guildDebtsHtml(deps, frame(`${guild.name}: debts`, 'guild', notice), guild));
    }
    case 'signed-out':
      return redirect('/dashboard');
    case 'your-data':
      return html(200, await yourDataHtml(deps, frame('Your data', 'me'), session));
    case 'your-data-json':
    case 'your-data-export': {
      // The session names whose data it is: no id in the link, so no link can ask for someone else's.
      const exported = await exportMemberData(deps.store, session.userId, deps.clock.now());
      const body = JSON.stringify(exported ?? { memberId: session.userId, records: [], note: 'C500 keeps nothing about you.' }, null, 2);
      return {
        status: 200,
        body,
        contentType: 'application/json; charset=utf-8',
        headers: { 'content-disposition': 'attachment; filename="c500-my-data.json"' },
      };
    }
  }
}

async function act(
  deps: DashboardDeps,
  session: DashboardSession,
  rightsKnown: boolean,
  route: Extract<DashboardRoute, { action: string }>,
  request: DashboardRequest,
  frame: FrameOf,
): Promise<DashboardAnswer> {
  switch (route.action) {
    case 'sign-out':
      return redirect('/dashboard/signed-out', { 'set-cookie': (await signOut(deps, session)).setCookie });
    case 'stripe-login':
      return stripeLoginAnswer(await stripeLoginLink(deps, session), frame);
    case 'erase-me': {
      const erased = await eraseMe(deps, session, request.form, frame);
      return html(erased.status, erased.page, erased.setCookie ? { 'set-cookie': erased.setCookie } : {});
    }
    case 'paid-by-hand': {
      const refusal = guildRefusal(session, rightsKnown, route.guildId, frame);
      if (refusal) return refusal;
      const outcome = await markHostPayoutPaid(deps, session, route.guildId, route.orderId, request.form.note ?? '');
      if (outcome.ok) return redirect(`/dashboard/guild/${route.guildId}?done=paid-by-hand#host-payouts`);
      const page = (status: number, heading: string, line: string) =>
        html(
          status,
          messagePage(frame(heading, 'guild'), heading, [line], { href: `/dashboard/guild/${route.guildId}#host-payouts`, label: 'Back to the server' }),
        );
      if (outcome.reason === 'already-paid')
        return page(
          409,
          'Already paid by hand',
          `${outcome.paidByHand.byName} marked this cut paid by hand on ${outcome.paidByHand.at.slice(0, 10)}. It is recorded once.`,
        );
      if (outcome.reason === 'nothing-owed')
        return page(409, 'Nothing owed', 'Nothing is owed on this cut: refunds brought it to nothing, so there is nothing to pay or mark.');
      if (outcome.reason === 'bad-note') return page(400, 'Note too long', 'Keep the note under 500 characters.');
      return page(404, 'No such cut', 'This server owes no host cut for that order.');
    }
    case 'debt-paid': {
      const refusal = guildRefusal(session, rightsKnown, route.guildId, frame);
      if (refusal) return refusal;
      const outcome = await recordDebtPaid(deps, session, route.guildId, route.userId, request.form, route.how);
      if (outcome.ok) return redirect(`/dashboard/guild/${route.guildId}/debts?done=${route.how === 'written-off' ? 'debt-written-off' : 'debt-paid'}`);
      const [status, heading, line] = debtPaidRefusals(outcome);
      return html(
        status,
        messagePage(frame(heading, 'guild'), heading, [line], { href: `/dashboard/guild/${route.guildId}/debts`, label: 'Back to the debts' }),
      );
    }
    case 'buyer-paid': {
      const refusal = guildRefusal(session, rightsKnown, route.guildId, frame);
      if (refusal) return refusal;
      const outcome = await recordBuyerPaid(deps, session, route.guildId, route.orderId, request.form);
      if (outcome.ok) return redirect(`/dashboard/guild/${route.guildId}/reconciliation?done=buyer-paid`);
      return html(outcome.status, messagePage(frame(outcome.heading, 'guild'), outcome.heading, [outcome.line], outcome.back));
    }
    case 'release-anyway': {
      const refusal = guildRefusal(session, rightsKnown, route.guildId, frame);
      if (refusal) return refusal;
      const outcome = await releaseAnyway(deps, session, route.guildId, route.orderId);
      if (outcome.ok) return redirect(`/dashboard/orders/${route.orderId}?done=released-anyway`);
      const back = { href: `/dashboard/orders/${route.orderId}`, label: 'Back to the order' };
      const page = (status: number, heading: string, line: string) => html(status, messagePage(frame(heading, 'guild'), heading, [line], back));
      if (outcome.reason === 'already-cleared')
        return page(
          409,
          'Already released',
          `${outcome.clearedBy.byName} released this order anyway on ${outcome.clearedBy.at.slice(0, 10)}. It is recorded once.`,
        );
      if (outcome.reason === 'not-held')
        return page(409, 'Not held for review', 'No fraud warning holds this order for your review: there is nothing to release.');
      return page(404, 'No such order', 'This server has no such order.');
    }
  }
}

function stripeLoginAnswer(link: LoginLinkOutcome, frame: FrameOf): DashboardAnswer {
  if (link.ok) return redirect(link.url);
  const back = { href: '/dashboard/builder', label: 'Back to your builds' };
  if (link.reason === 'unreachable')
    return html(
      502,
      messagePage(frame('Stripe did not answer', 'builder'), 'Stripe could not be reached', ['Nothing was changed. Try again in a moment.'], back),
      { 'retry-after': '30' },
    );
  if (link.reason === 'refused')
    return html(
      409,
      messagePage(
        frame('Stripe said no', 'builder'),
        'Stripe would not open your Express dashboard',
        ['Stripe makes a login link only once an account’s onboarding is finished. Run /c500 onboard in Discord to finish it, then try again.'],
        back,
      ),
    );
  return html(
    409,
    messagePage(frame('No Stripe account', 'builder'), 'No Stripe account yet', ['Run /c500 onboard in Discord first: it makes your Stripe account.']),
  );
}

/** A guild page is for admins of that guild, by Discord's answer of the last few minutes. */
function guildRefusal(session: DashboardSession, rightsKnown: boolean, guildId: string, frame: FrameOf): DashboardAnswer | undefined {
  if (!rightsKnown) return discordDidNotAnswer(frame, 'guild');
  if (!administers(session, guildId))
    return html(
      403,
      messagePage(
        frame('Not yours', 'guild'),
        'Not a server you administer',
        ['Discord says you are not an admin (owner, Administrator or Manage Server) of that server.'],
        { href: '/dashboard', label: 'Your dashboard' },
      ),
    );
  return undefined;
}

/** Admin rights past their window and Discord unreachable: refused for now, never granted on old rights. */
function discordDidNotAnswer(frame: FrameOf, section: 'guild' | 'order'): DashboardAnswer {
  return html(
    503,
    messagePage(frame('Try again', section), 'Discord did not answer', [
      section === 'guild'
        ? 'We could not confirm with Discord that you administer this server. Try again in a moment.'
        : 'This is not an order of yours, and we could not confirm with Discord that you administer its server. Try again in a moment.',
    ]),
    { 'retry-after': '30' },
  );
}

function csv(name: string, body: string, deps: DashboardDeps): DashboardAnswer {
  return { status: 200, body, contentType: 'text/csv; charset=utf-8', headers: { 'content-disposition': csvDisposition(name, deps.clock.now()) } };
}

function noticeOf(done: string | undefined): string | undefined {
  if (done === 'debt-paid') return 'Recorded: the payment is on the person’s account, with your name, the time and your note.';
  if (done === 'debt-written-off') return 'Written off: the person owes that much less, with your name, the time and your note on their account.';
  if (done === 'buyer-paid') return 'Recorded: the buyer is paid back, and the order owes them nothing more.';
  if (done === 'released-anyway') return 'Released: the fraud warning is cleared with your name and the time, and the money that waited goes out.';
  return done === 'paid-by-hand' ? 'Recorded: the cut is marked paid by hand, with your name, the time and your note.' : undefined;
}

/** Where to come back to after signing in: this path and its query, less the local sign-in hints. */
function returnPath(request: DashboardRequest): string {
  const kept = Object.entries(request.query).filter(([k, v]) => v !== undefined && !(localSignInHints as readonly string[]).includes(k)) as Array<
    [string, string]
  >;
  return `${request.path}${kept.length > 0 ? `?${new URLSearchParams(kept).toString()}` : ''}`;
}

/** A browser names the page a form came from; one from elsewhere is refused. No header (a script, a test) is left to the token. */
function sameOrigin(origin: string | undefined, publicBaseUrl: string): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).origin === new URL(publicBaseUrl).origin;
  } catch {
    return false;
  }
}
