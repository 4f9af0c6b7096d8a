/**
 * @module demo-browser
 * A browser as the demo needs one: it keeps the cookies pages set (by name and path), sends
 * them back where their path matches, and follows redirects on the local runtime, signing in
 * on the local Twitch's authorize page as whoever it is told to be.
 */
export class DemoBrowser {
  private readonly jar = new Map<string, { name: string; value: string; path: string }>();

  constructor(
    private readonly origin: string,
    private readonly twitch?: { login: string; userId: string },
  ) {}

  async get(url: string): Promise<Response> {
    const target = new URL(url, this.origin);
    if (this.twitch && target.pathname === '/_local/twitch/authorize') {
      target.searchParams.set('login', this.twitch.login);
      target.searchParams.set('user_id', this.twitch.userId);
    }
    const cookie = [...this.jar.values()]
      .filter((c) => target.pathname === c.path || target.pathname.startsWith(`${c.path}/`) || c.path === '/')
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const res = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) this.keep(line);
    return res;
  }

  /** Follows redirects while they stay on the local runtime; answers the last response and where it pointed next. */
  async open(url: string): Promise<{ res: Response; next?: string }> {
    let res = await this.get(url);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 10; hops++) {
      const next = new URL(res.headers.get('location') as string, this.origin);
      if (next.origin !== new URL(this.origin).origin || next.pathname.startsWith('/_local/stripe/')) return { res, next: next.toString() };
      res = await this.get(next.toString());
    }
    return { res };
  }

  private keep(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    const path = attributes.find((a) => a.startsWith('Path='))?.slice(5) ?? '/';
    if (attributes.includes('Max-Age=0')) this.jar.delete(`${name}@${path}`);
    else this.jar.set(`${name}@${path}`, { name, value, path });
  }
}

/** A page's words, as a person reads them. */
export const pageText = async (res: Response) =>
  (await res.text())
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
