/**
 * The dashboard's routes as docs/reference/routes.md lists them (`dashboardPaths`): each path,
 * its parameters filled in, is matched by its own pattern and answered with its own method, so
 * the reference cannot name a path the dashboard does not answer.
 */
import { dashboardPaths, matchRoute } from '../routes';

const samples: Record<string, string> = {
  guildId: '900000000000000001',
  userId: '810000000000000001',
  orderId: 'o-1234abcd',
  ownExport: 'builder/orders',
  guildExport: 'sales',
};
const filled = (path: string) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => samples[name] ?? `:${name}`);

describe('the dashboard’s routes as the reference lists them', () => {
  it.each(dashboardPaths().map((r) => [r.method, r.path, r] as const))(
    'GIVEN %s %s filled in THEN its own pattern and method answer it',
    (method, path, entry) => {
      const concrete = filled(path);
      const own = entry.pattern.exec(concrete);
      expect(own).not.toBeNull();
      expect(matchRoute(method, concrete)).toEqual({ ok: true, route: entry.route(own as RegExpExecArray) });
    },
  );

  it('GIVEN the listing THEN it names /dashboard/me/export, the member’s download, as a page', () => {
    expect(dashboardPaths().find((r) => r.path === '/dashboard/me/export')).toMatchObject({ method: 'GET' });
    expect(matchRoute('GET', '/dashboard/me/export')).toEqual({ ok: true, route: { page: 'your-data-export' } });
  });
});
