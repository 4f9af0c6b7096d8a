import { LocalDocumentStore } from '../../local/firestore/document-store';
import { refusals } from '../../discord';
import { command } from '../../../test/support/interactions';
import { leaveServer } from '../use-cases/leave-server';
import { leaveAnswers, serverLeavePath } from '../rules/server-leave';

const manageGuild = String(1 << 5);
const admin = '811000000000000505';
const leave = (spec: { permissions?: string; guildId?: string | null } = {}) => command({ name: 'c500', path: ['leave'], userId: admin, ...spec });

describe('/c500 leave', () => {
  it('GIVEN an admin THEN the server’s members’ data is set to go after 30 days, and they are told the date and what the law keeps', async () => {
    const store = new LocalDocumentStore();
    const answer = await leaveServer({ store, clock: { now: () => new Date('2026-11-20T12:00:00Z') } }, leave({ permissions: manageGuild }));
    expect(answer.content).toContain('2026-12-20');
    expect(answer.content).toContain('payment records');
    expect(await store.get(serverLeavePath('900000000000000001'))).toMatchObject({ askedBy: admin, eraseAfter: '2026-12-20T12:00:00.000Z' });
  });

  it('GIVEN it is run again later THEN the first request’s dates stand', async () => {
    const store = new LocalDocumentStore();
    await leaveServer({ store, clock: { now: () => new Date('2026-11-20T12:00:00Z') } }, leave({ permissions: manageGuild }));
    const again = await leaveServer({ store, clock: { now: () => new Date('2026-11-25T12:00:00Z') } }, leave({ permissions: manageGuild }));
    expect(again.content).toContain('2026-12-20');
  });

  it('GIVEN a member who is not an admin, or a DM THEN nothing is recorded', async () => {
    const store = new LocalDocumentStore();
    const clock = { now: () => new Date('2026-11-20T12:00:00Z') };
    expect(await leaveServer({ store, clock }, leave())).toEqual(leaveAnswers.needsAdmin);
    expect(await leaveServer({ store, clock }, leave({ guildId: null }))).toEqual(refusals.guildOnly);
    expect(await store.get(serverLeavePath('900000000000000001'))).toBeUndefined();
  });
});
