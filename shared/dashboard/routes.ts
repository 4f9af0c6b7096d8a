/**
 * @module routes
 * The dashboard's routes: every path under `/dashboard` the `dashboard` function answers,
 * with the method it takes and the ids it carries. Matching is pure; the use case
 * `answer-dashboard` checks each id against the session before it reads anything. Ids have
 * their shape checked here (a guild is a Discord id, an order one of ours), so nothing
 * else ever reaches a query.
 */

export type GuildExport = 'sales' | 'balances' | 'host-payouts' | 'waiting-proof' | 'strikes' | 'blocked' | 'result' | 'debts' | 'journal';
export type OwnExport = 'builder/orders' | 'builder/auctions' | 'host/lots' | 'host/cuts' | 'racer/ledger' | 'racer/payouts' | 'builder/to-ship';

export type DashboardRoute =
  | { page: 'overview' }
  | { page: 'builder' }
  | { page: 'host' }
  | { page: 'racer' }
  | { page: 'signed-out' }
  /** What C500 keeps about the signed-in member, with Download and Erase (issue 51). */
  | { page: 'your-data' }
  | { page: 'your-data-json' }
  /** The same export as a download, the link the Your data page's Download gives (issue 79). */
  | { page: 'your-data-export' }
  | { page: 'own-export'; export: OwnExport }
  | { page: 'guild'; guildId: string }
  /** The last hour of the server's show: its admins'. */
  | { page: 'guild-show'; guildId: string }
  | { page: 'guild-export'; guildId: string; export: GuildExport }
  /** What the platform kept of the server's orders, from Stripe's ledger: its admins' alone. */
  | { page: 'guild-result'; guildId: string }
  | { page: 'guild-reconciliation'; guildId: string }
  /** The reconciliation as a page for the server's admins: what should be settled and is not, in words (issue 75). */
  | { page: 'guild-money-check'; guildId: string }
  | { page: 'order'; orderId: string }
  /** An order's packing slip: its builder's alone. */
  | { page: 'slip'; orderId: string }
  | { action: 'sign-out' }
  | { action: 'stripe-login' }
  | { action: 'erase-me' }
  | { action: 'paid-by-hand'; guildId: string; orderId: string }
  /** What the person owes C500 on each server (issue 49): their own, and a server's for its admins. */
  | { page: 'debts' }
  | { page: 'guild-debts'; guildId: string }
  | { action: 'debt-paid'; guildId: string; userId: string; how: 'paid-outside' | 'written-off' }
  /** A buyer owed money outside Stripe, recorded paid back by an admin. */
  | { action: 'buyer-paid'; guildId: string; orderId: string }
  /** An order a fraud warning holds for the admins' review, released without a refund: its server's admins'. */
  | { action: 'release-anyway'; guildId: string; orderId: string };

export type RouteMatch = { ok: true; route: DashboardRoute } | { ok: false; status: 404 | 405; allow?: string };

const snowflake = '(\\d{17,20})';
const orderId = '([0-9a-z-]{4,40})';
const ownExports: readonly OwnExport[] = ['builder/orders', 'builder/auctions', 'host/lots', 'host/cuts', 'racer/ledger', 'racer/payouts', 'builder/to-ship'];
const guildExports: readonly GuildExport[] = ['sales', 'balances', 'host-payouts', 'waiting-proof', 'strikes', 'blocked', 'result', 'debts', 'journal'];

/**
 * One route: `path` as the reference page lists it (`:guildId` and `:userId` are Discord ids,
 * `:orderId` one of ours, `:ownExport` and `:guildExport` the CSVs above), what it answers, and
 * the pattern that matches it. A test holds each path to its own pattern.
 */
export interface DashboardPath {
  path: string;
  what: string;
  pattern: RegExp;
  route: (m: RegExpExecArray) => DashboardRoute;
}

const pages: DashboardPath[] = [
  { path: '/dashboard', what: 'the overview', pattern: /^\/dashboard\/?$/, route: () => ({ page: 'overview' }) },
  {
    path: '/dashboard/builder',
    what: 'a builder’s orders, auctions and what is to ship',
    pattern: /^\/dashboard\/builder$/,
    route: () => ({ page: 'builder' }),
  },
  { path: '/dashboard/host', what: 'a host’s shows, lots and cuts', pattern: /^\/dashboard\/host$/, route: () => ({ page: 'host' }) },
  { path: '/dashboard/racer', what: 'a racer’s ledger and payouts', pattern: /^\/dashboard\/racer$/, route: () => ({ page: 'racer' }) },
  {
    path: '/dashboard/signed-out',
    what: 'where sign-out lands: the session has ended',
    pattern: /^\/dashboard\/signed-out$/,
    route: () => ({ page: 'signed-out' }),
  },
  {
    path: '/dashboard/me',
    what: 'Your data: what C500 keeps about the member, Download and Erase me',
    pattern: /^\/dashboard\/me$/,
    route: () => ({ page: 'your-data' }),
  },
  {
    path: '/dashboard/me/export',
    what: 'the signed-in member’s whole export, a JSON download (theirs alone)',
    pattern: /^\/dashboard\/me\/export$/,
    route: () => ({ page: 'your-data-export' }),
  },
  { path: '/dashboard/me/data.json', what: 'the same export as JSON', pattern: /^\/dashboard\/me\/data\.json$/, route: () => ({ page: 'your-data-json' }) },
  {
    path: '/dashboard/:ownExport.csv',
    what: `the member’s own CSVs: ${ownExports.join(', ')}`,
    pattern: new RegExp(`^/dashboard/(${ownExports.join('|')})\\.csv$`),
    route: (m) => ({ page: 'own-export', export: m[1] as OwnExport }),
  },
  {
    path: '/dashboard/guild/:guildId',
    what: 'a server, for its admins',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}$`),
    route: (m) => ({ page: 'guild', guildId: m[1] as string }),
  },
  {
    path: '/dashboard/guild/:guildId/show',
    what: 'the last hour of the server’s show',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/show$`),
    route: (m) => ({ page: 'guild-show', guildId: m[1] as string }),
  },
  {
    path: '/dashboard/guild/:guildId/result',
    what: 'what the platform kept of the server’s orders',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/result$`),
    route: (m) => ({ page: 'guild-result', guildId: m[1] as string }),
  },
  {
    path: '/dashboard/guild/:guildId/reconciliation.json',
    what: 'the daily reconciliation, as JSON',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/reconciliation\\.json$`),
    route: (m) => ({ page: 'guild-reconciliation', guildId: m[1] as string }),
  },
  {
    path: '/dashboard/guild/:guildId/reconciliation',
    what: 'the money check: what should be settled and is not, in words',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/reconciliation$`),
    route: (m) => ({ page: 'guild-money-check', guildId: m[1] as string }),
  },
  {
    path: '/dashboard/guild/:guildId/:guildExport.csv',
    what: `the server’s CSVs: ${guildExports.join(', ')}`,
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/(${guildExports.join('|')})\\.csv$`),
    route: (m) => ({ page: 'guild-export', guildId: m[1] as string, export: m[2] as GuildExport }),
  },
  {
    path: '/dashboard/orders/:orderId',
    what: 'one order',
    pattern: new RegExp(`^/dashboard/orders/${orderId}$`),
    route: (m) => ({ page: 'order', orderId: m[1] as string }),
  },
  { path: '/dashboard/debts', what: 'what the member owes C500', pattern: /^\/dashboard\/debts$/, route: () => ({ page: 'debts' }) },
  {
    path: '/dashboard/guild/:guildId/debts',
    what: 'what is owed on the server',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/debts$`),
    route: (m) => ({ page: 'guild-debts', guildId: m[1] as string }),
  },
  {
    path: '/dashboard/builder/orders/:orderId/slip',
    what: 'an order’s packing slip, its builder’s alone',
    pattern: new RegExp(`^/dashboard/builder/orders/${orderId}/slip$`),
    route: (m) => ({ page: 'slip', orderId: m[1] as string }),
  },
];

const actions: DashboardPath[] = [
  { path: '/dashboard/sign-out', what: 'sign out', pattern: /^\/dashboard\/sign-out$/, route: () => ({ action: 'sign-out' }) },
  {
    path: '/dashboard/builder/stripe-login',
    what: 'to the builder’s Stripe Express dashboard',
    pattern: /^\/dashboard\/builder\/stripe-login$/,
    route: () => ({ action: 'stripe-login' }),
  },
  { path: '/dashboard/me/erase', what: 'Erase me', pattern: /^\/dashboard\/me\/erase$/, route: () => ({ action: 'erase-me' }) },
  {
    path: '/dashboard/guild/:guildId/host-payouts/:orderId/paid',
    what: 'a host’s cut recorded paid by hand',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/host-payouts/${orderId}/paid$`),
    route: (m) => ({ action: 'paid-by-hand', guildId: m[1] as string, orderId: m[2] as string }),
  },
  {
    path: '/dashboard/guild/:guildId/debts/:userId/paid',
    what: 'a debt recorded paid outside C500 (`/written-off`: written off)',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/debts/${snowflake}/(paid|written-off)$`),
    route: (m) => ({ action: 'debt-paid', guildId: m[1] as string, userId: m[2] as string, how: m[3] === 'paid' ? 'paid-outside' : 'written-off' }),
  },
  {
    path: '/dashboard/guild/:guildId/owed-to-buyer/:orderId/paid',
    what: 'a buyer owed money outside Stripe, recorded paid back',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/owed-to-buyer/${orderId}/paid$`),
    route: (m) => ({ action: 'buyer-paid', guildId: m[1] as string, orderId: m[2] as string }),
  },
  {
    path: '/dashboard/guild/:guildId/orders/:orderId/release-anyway',
    what: 'an order a fraud warning holds, released without a refund',
    pattern: new RegExp(`^/dashboard/guild/${snowflake}/orders/${orderId}/release-anyway$`),
    route: (m) => ({ action: 'release-anyway', guildId: m[1] as string, orderId: m[2] as string }),
  },
];

/** Every dashboard route with its method, as docs/reference/routes.md lists them. */
export const dashboardPaths = (): Array<{ method: 'GET' | 'POST' } & DashboardPath> => [
  ...pages.map((p) => ({ method: 'GET' as const, ...p })),
  ...actions.map((a) => ({ method: 'POST' as const, ...a })),
];

/** The route a request asks for: pages take GET (and HEAD), actions POST; anything else is not found or not allowed. */
export function matchRoute(method: string, path: string): RouteMatch {
  const find = (table: typeof pages) => {
    for (const { pattern, route } of table) {
      const m = pattern.exec(path);
      if (m) return route(m);
    }
    return undefined;
  };
  const page = find(pages);
  const action = find(actions);
  if (page) return method === 'GET' || method === 'HEAD' ? { ok: true, route: page } : { ok: false, status: 405, allow: 'GET, HEAD' };
  if (action) return method === 'POST' ? { ok: true, route: action } : { ok: false, status: 405, allow: 'POST' };
  return { ok: false, status: 404 };
}

/** Security headers every dashboard answer carries: never cached, never framed, scripts from nowhere. */
export function dashboardHeaders(stripeOrigins: readonly string[] = ['https://connect.stripe.com']): Record<string, string> {
  return {
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    // No script at all; a form posts only here, and the Stripe login link's redirect goes to Stripe.
    'content-security-policy': `default-src 'self'; script-src 'none'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self' ${stripeOrigins.join(' ')}`,
  };
}

/** No dashboard form comes near it (a note is at most 500 characters); past it the body is not read as a form at all. */
export const maxFormBytes = 64 * 1024;

/**
 * What the function hands the use case from an HTTP request: strings only, the form parsed
 * from the raw body, and whether a POST's body was over `maxFormBytes` (answered 413, where
 * its missing CSRF token would otherwise read as a stale form).
 */
export function dashboardRequestOf(raw: {
  method: string;
  path: string;
  query: unknown;
  cookie: string | undefined;
  origin: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}): {
  method: string;
  path: string;
  query: Record<string, string>;
  cookie: string | undefined;
  origin: string | undefined;
  form: Record<string, string>;
  formTooLarge: boolean;
} {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(typeof raw.query === 'object' && raw.query !== null ? raw.query : {})) {
    const first = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (typeof first === 'string' && first.length <= 4_000) query[key] = first;
  }
  const form: Record<string, string> = {};
  const formTooLarge = raw.method === 'POST' && raw.body.length > maxFormBytes;
  if (raw.method === 'POST' && (raw.contentType ?? '').startsWith('application/x-www-form-urlencoded') && !formTooLarge) {
    for (const [key, value] of new URLSearchParams(raw.body.toString('utf8'))) if (!(key in form)) form[key] = value;
  }
  return { method: raw.method, path: raw.path, query, cookie: raw.cookie, origin: raw.origin, form, formTooLarge };
}
