/**
 * @module demo-dashboard
 * The demo's last step: the web dashboard link that signs a browser in as the demo's builder
 * through the local Discord's authorize page (`/dashboard?user_id=…` passes who to be on to
 * it, locally only). Before printing it, the demo follows the link itself as a browser would
 * (redirects only, one cookie) and reads the builder's page, so a link that would not work is
 * a failed step, not a printed promise.
 */

export interface DashboardPerson {
  id: string;
  name: string;
  /** Guilds the local Discord says they administer. */
  adminGuilds?: string[];
}

/** The link a person opens: signed out, it goes through the local Discord and comes back signed in on `path`. */
export function dashboardLink(url: string, who: DashboardPerson, path = '/dashboard/builder'): string {
  const link = new URL(`${url}${path}`);
  link.searchParams.set('user_id', who.id);
  link.searchParams.set('username', who.name);
  if (who.adminGuilds?.length) link.searchParams.set('admin_guilds', who.adminGuilds.join(','));
  return link.toString();
}

/** Follows the link as a browser: every redirect, the one cookie it is handed. Answers the page it lands on. */
export async function openAsBrowser(link: string): Promise<{ status: number; url: string; html: string }> {
  let cookie: string | undefined;
  let at = link;
  for (let hop = 0; hop < 6; hop++) {
    const res = await fetch(at, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { status: res.status, url: at, html: await res.text() };
    at = new URL(location, at).toString();
  }
  throw new Error(`${link} kept redirecting`);
}

/** Checks the builder's link lands on their page, signed in, and says what it shows. */
export async function dashboardStep(
  url: string,
  builder: DashboardPerson,
  admin: DashboardPerson,
): Promise<{ builderLink: string; adminLink: string; orders: number }> {
  const builderLink = dashboardLink(url, builder);
  const landed = await openAsBrowser(builderLink);
  if (landed.status !== 200 || !landed.html.includes('Your builds and sales') || !landed.html.includes(builder.name)) {
    throw new Error(`the dashboard link did not sign ${builder.name} in (HTTP ${landed.status} at ${landed.url})`);
  }
  const orders = (landed.html.match(/href="\/dashboard\/orders\//g) ?? []).length;
  const adminLink = dashboardLink(url, admin, `/dashboard/guild/${admin.adminGuilds?.[0] ?? ''}`);
  return { builderLink, adminLink, orders };
}
