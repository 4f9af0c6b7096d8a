/**
 * The ids that say who did something on a server's records (`name-removed` on an id: the admin
 * who set the server up, asked C500 to leave, paid a host by hand): a member's export finds
 * them, and erasure keeps that an admin did it, and when, no longer who.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { anyDocument, findMemberData } from '../use-cases/find-member-data';
import { eraseMemberData } from '../use-cases/erase-member';
import { markActed } from '../use-cases/take-erasure-ask';
import { exportMemberData } from '../use-cases/export-member-data';
import { erasedName } from '../rules/member-data';
import type { Fields } from '../rules/field-paths';

const admin = '811000000000000101';
const host = '811000000000000202';
const clock = { now: () => new Date('2026-11-20T12:00:00Z') };

const world: Record<string, Fields> = {
  'guilds/g1': { generalChannelId: 'c1', configuredBy: admin, configuredAt: '2026-11-01T00:00:00Z', payments: { fraudAutoRefund: false } },
  'guilds/g2': { generalChannelId: 'c2', configuredBy: host, configuredAt: '2026-11-01T00:00:00Z' },
  'serverLeaves/g1': { guildId: 'g1', askedBy: admin, askedAt: '2026-11-10T00:00:00Z', eraseAfter: '2026-12-10T00:00:00Z', byInteraction: 'i1' },
  'dashboardAudit/a1': {
    auditId: 'a1',
    kind: 'host-payout-paid-by-hand',
    guildId: 'g1',
    orderId: 'o1',
    hostId: host,
    byUserId: admin,
    byName: 'Ada Admin',
    at: '2026-11-12T00:00:00Z',
    amountCents: 1_500,
    currency: 'eur',
    note: 'paid by bank transfer',
  },
};

async function seeded(): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  for (const [path, data] of Object.entries(world)) await store.set(anyDocument<Fields>(path), data);
  return store;
}

describe('who did something on a server’s records', () => {
  it('GIVEN an admin who set a server up, asked C500 to leave and paid a host by hand THEN their export holds those records', async () => {
    const store = await seeded();
    const exported = await exportMemberData(store, admin, clock.now());
    expect(exported?.records.map((r) => r.path).sort()).toEqual(['dashboardAudit/a1', 'guilds/g1', 'serverLeaves/g1']);
    expect(JSON.stringify(exported)).not.toContain(host);
  });

  it('GIVEN the admin erases THEN each record says an admin did it, and when, no longer who; the host’s record keeps the money', async () => {
    const store = await seeded();
    expect(await eraseMemberData({ store, clock }, admin)).toMatchObject({ kind: 'erased', changed: 3 });
    expect(await store.get(anyDocument<Fields>('guilds/g1'))).toEqual({ ...world['guilds/g1'], configuredBy: erasedName });
    expect(await store.get(anyDocument<Fields>('serverLeaves/g1'))).toEqual({ ...world['serverLeaves/g1'], askedBy: erasedName });
    expect(await store.get(anyDocument<Fields>('dashboardAudit/a1'))).toEqual({ ...world['dashboardAudit/a1'], byUserId: admin, byName: erasedName });
    expect(await store.get(anyDocument<Fields>('guilds/g2'))).toEqual(world['guilds/g2']);
  });

  it('GIVEN the admin erases twice THEN the second changes nothing, and only the payment record is still theirs', async () => {
    const store = await seeded();
    await eraseMemberData({ store, clock }, admin);
    // They came back and did something (that wrote nothing): the second searches again.
    await markActed({ store, clock }, admin);
    expect(await eraseMemberData({ store, clock }, admin)).toEqual({ kind: 'already-erased', erasedAt: clock.now().toISOString() });
    expect((await findMemberData(store, admin)).map((f) => f.path)).toEqual(['dashboardAudit/a1']);
  });
});
