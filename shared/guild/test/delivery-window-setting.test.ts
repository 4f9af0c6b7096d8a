import { LocalDocumentStore } from '../../local/firestore/document-store';
import { configureGuild } from '..';
import { guildPath } from '../rules/guild';
import { ADMIN, command } from '../../../test/support/interactions';

const clock = { now: () => new Date('2026-11-20T12:00:00.000Z') };
const guildId = '900000000000000001';
const setup = (options: Record<string, string | number>, permissions = ADMIN) =>
  command({ name: 'c500', path: ['setup'], options: { general: '700000000000000001', marketplace: '700000000000000002', ...options }, permissions });

describe('the delivery window an admin sets with /c500 setup', () => {
  it('is stored on the server and said back', async () => {
    const store = new LocalDocumentStore();
    const answer = await configureGuild({ store, clock }, setup({ 'delivery-window': 5 }));
    expect((await store.get(guildPath(guildId)))?.deliveryWindowDays).toBe(5);
    expect(answer.content).toContain('leaves 5 days after the carrier delivers it');
  });

  it('stays as set when setup runs again without it, and reads 3 days when never set', async () => {
    const store = new LocalDocumentStore();
    expect((await configureGuild({ store, clock }, setup({}))).content).toContain('leaves 3 days after');
    await configureGuild({ store, clock }, setup({ 'delivery-window': 0 }));
    const again = await configureGuild({ store, clock }, setup({}));
    expect((await store.get(guildPath(guildId)))?.deliveryWindowDays).toBe(0);
    expect(again.content).toContain('leaves as soon as the carrier delivers it');
  });

  it('refuses a window out of range or not whole, and changes nothing', async () => {
    const store = new LocalDocumentStore();
    await configureGuild({ store, clock }, setup({ 'delivery-window': 2 }));
    for (const bad of [15, -1, 2.5, 'three']) {
      const answer = await configureGuild({ store, clock }, setup({ 'delivery-window': bad }));
      expect(answer.content).toContain('The delivery window is a whole number of days from 0 to 14');
    }
    expect((await store.get(guildPath(guildId)))?.deliveryWindowDays).toBe(2);
  });

  it('is an admin’s alone', async () => {
    const store = new LocalDocumentStore();
    const answer = await configureGuild({ store, clock }, setup({ 'delivery-window': 9 }, '0'));
    expect(answer.content).toContain('Only server admins');
    expect(await store.get(guildPath(guildId))).toBeUndefined();
  });
});
