/**
 * `/c500 profile` shows the person's own debt account on the server the command came from:
 * what they owe and its entries with their orders; nobody else's, no other server's, and
 * nothing at all for someone who never owed anything.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { profileView } from '../../marketplace/use-cases/profile-view';
import { command } from '../../../test/support/interactions';
import { recordDebtMove } from '../use-cases/debt-account';

const GUILD = '900000000000000001';
const OTHER_GUILD = '900000000000000002';
const HOST = '800000000000000010';
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };

async function withDebts() {
  const store = new LocalDocumentStore();
  const owe = (guildId: string, userId: string, orderId: string, amountCents: number) =>
    recordDebtMove(store, {
      guildId,
      userId,
      entryId: `loss:${orderId}`,
      kind: 'loss-after-payout',
      orderId,
      amountCents,
      currency: 'usd',
      reason: `order ${orderId} was refunded after your cut was paid by hand`,
      at: clock.now().toISOString(),
    });
  await owe(GUILD, HOST, 'lot-0001', 6_000);
  await owe(OTHER_GUILD, HOST, 'lot-0002', 1_234);
  await owe(GUILD, '800000000000000011', 'lot-0003', 777);
  const profile = (userId: string, guildId = GUILD) => profileView({ store, clock }, command({ name: 'c500', path: ['profile'], userId, guildId }));
  const text = async (userId: string, guildId?: string) => JSON.stringify((await profile(userId, guildId)).embeds ?? []);
  return { text };
}

describe('/c500 profile and debts', () => {
  it('shows the host what they owe on this server, with the order it came from', async () => {
    const { text } = await withDebts();
    const shown = await text(HOST);
    expect(shown).toContain('What you owe C500');
    expect(shown).toContain('$60.00');
    expect(shown).toContain('lot-0001');
  });

  it('shows neither another server’s debt nor another person’s', async () => {
    const { text } = await withDebts();
    const shown = await text(HOST);
    expect(shown).not.toContain('lot-0002');
    expect(shown).not.toContain('lot-0003');
    expect(await text(HOST, OTHER_GUILD)).toContain('$12.34');
  });

  it('adds nothing for someone who never owed anything', async () => {
    const { text } = await withDebts();
    expect(await text('800000000000000012')).not.toContain('owe');
  });
});
