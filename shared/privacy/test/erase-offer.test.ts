/**
 * The erasure's question offers what an erasure cannot undo first (issue 79): each open pledge,
 * with its group buy's post to leave it on, and the live bids it withdraws; then the
 * confirmation, last. Leaving happens on the post (the group buy's own Leave button).
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import type { DiscordMessage } from '../../ports';
import { buttonPress as pressIn } from '../../../test/support/interactions';
import type { Interaction } from '../../discord';
import { snowflakeAt, snowflakeTimeMs } from '../../common';
import { anyDocument } from '../use-cases/find-member-data';
import { askToErase } from '../use-cases/erase-member';
import { confirmEraseButtonId, eraseButtonId, maxLeaveLinks, privacyAnswers } from '../rules/privacy-messages';
import type { Fields } from '../rules/field-paths';

const member = '821000000000000101';
const clock = { now: () => new Date('2026-12-05T12:00:00Z') };
const post = (n: number) => `https://discord.com/channels/900000000000000001/910000000000000001/93000000000000000${n}`;

function press(customId: string): Interaction {
  const raw = pressIn(customId, member);
  return { ...raw, message: { id: snowflakeAt((snowflakeTimeMs(raw.id) as number) - 60_000, 7) } };
}
const buttonsOf = (message: DiscordMessage) => (message.components as Array<{ components: Array<Record<string, unknown>> }>)[0]?.components ?? [];

async function store(): Promise<LocalDocumentStore> {
  const s = new LocalDocumentStore();
  await s.set(anyDocument<Fields>(`bidders/${member}`), { bidderId: member, strikes: 0 });
  return s;
}

describe('the erasure’s question', () => {
  it('GIVEN an open pledge and a live bid THEN it lists both first, with a link to leave the pledge on its post, and the confirmation last', async () => {
    const deps = {
      store: await store(),
      clock,
      publicBaseUrl: 'https://c500.example',
      leaveFirst: async () => [{ title: 'GMK Olivia', postUrl: post(1) }],
      keptElsewhere: async () => ['1 × your bid and max in an auction still live'],
    };
    const asked = await askToErase(deps, press(eraseButtonId(member)));
    expect(asked.content).toMatch(/^\*\*Before you erase: what erasing cannot undo\*\*/);
    expect(asked.content).toContain(
      'Your pledge to **GMK Olivia** stays, and your card is charged at the close if the minimum is met. To leave it, press **Leave** on its post first.',
    );
    expect(asked.content).toContain('1 × your bid and max in an auction still live: withdrawn when you erase');
    expect(buttonsOf(asked)).toEqual([
      { type: 2, style: 5, label: 'Leave GMK Olivia', url: post(1) },
      { type: 2, style: 4, label: 'Yes, erase me', custom_id: confirmEraseButtonId(member) },
    ]);
  });

  it('GIVEN nothing it cannot undo THEN it asks as before', async () => {
    const s = await store();
    const asked = await askToErase({ store: s, clock, publicBaseUrl: 'https://c500.example', leaveFirst: async () => [] }, press(eraseButtonId(member)));
    expect(asked.content).toMatch(/^Erase everything C500 may let go about you\?/);
    expect(buttonsOf(asked)).toEqual([{ type: 2, style: 4, label: 'Yes, erase me', custom_id: confirmEraseButtonId(member) }]);
  });

  it('GIVEN more pledges than a row holds THEN every one is listed, and the row keeps room for the confirmation', async () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ title: `Buy ${i}`, postUrl: post(i) }));
    const asked = privacyAnswers.confirm([], member, { leaveFirst: many, live: [] });
    for (const one of many) expect(asked.content).toContain(`**${one.title}**`);
    expect(buttonsOf(asked)).toHaveLength(maxLeaveLinks + 1);
    expect(buttonsOf(asked).at(-1)).toMatchObject({ custom_id: confirmEraseButtonId(member) });
  });

  it('GIVEN a group buy with a long title THEN its link’s label is cut to Discord’s 80 characters', () => {
    const asked = privacyAnswers.confirm([], member, { leaveFirst: [{ title: 'x'.repeat(100), postUrl: post(1) }], live: [] });
    expect(buttonsOf(asked)[0]?.label).toBe(`Leave ${'x'.repeat(74)}`);
  });
});
