import { LocalDocumentStore } from '../../local/firestore/document-store';
import { refusals } from '../../discord';
import { command } from '../../../test/support/interactions';
import { buttonPress } from '../../../test/support/interactions';
import { privacyRoutes } from '../routes';
import { cancelServerLeave, leaveServer } from '../use-cases/leave-server';
import { cancelLeaveButtonId, leaveAnswers, serverLeavePath } from '../rules/server-leave';

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

  describe('Keep C500 here', () => {
    const press = (permissions: string) => {
      const pressed = buttonPress(cancelLeaveButtonId, admin);
      return { ...pressed, member: { ...pressed.member, permissions } } as typeof pressed;
    };
    const asked = async () => {
      const store = new LocalDocumentStore();
      const answer = await leaveServer({ store, clock: { now: () => new Date('2026-11-20T12:00:00Z') } }, leave({ permissions: manageGuild }));
      return { store, answer };
    };

    it('GIVEN the leave’s answer THEN it carries the button, and the button reaches the cancel', async () => {
      const { answer } = await asked();
      expect(JSON.stringify(answer.components)).toContain(cancelLeaveButtonId);
      expect(privacyRoutes.button?.(cancelLeaveButtonId)).toBe('server-leave-cancel');
    });

    it('GIVEN an admin presses it within the grace THEN the leave is gone and nothing will be erased', async () => {
      const { store } = await asked();
      expect(await cancelServerLeave({ store }, press(manageGuild))).toEqual(leaveAnswers.cancelled);
      expect(await store.get(serverLeavePath('900000000000000001'))).toBeUndefined();
      expect(await cancelServerLeave({ store }, press(manageGuild))).toEqual(leaveAnswers.notLeaving);
    });

    it('GIVEN a member who is not an admin presses it THEN the leave stands', async () => {
      const { store } = await asked();
      expect(await cancelServerLeave({ store }, press('0'))).toEqual(leaveAnswers.needsAdmin);
      expect(await store.get(serverLeavePath('900000000000000001'))).toBeDefined();
    });

    it('GIVEN the data was already erased THEN it says so and changes nothing', async () => {
      const { store } = await asked();
      await store.update(serverLeavePath('900000000000000001'), { erasedAt: '2026-12-21T00:00:00.000Z' });
      expect((await cancelServerLeave({ store }, press(manageGuild))).content).toContain('2026-12-21');
      expect(await store.get(serverLeavePath('900000000000000001'))).toMatchObject({ erasedAt: '2026-12-21T00:00:00.000Z' });
    });
  });
});
