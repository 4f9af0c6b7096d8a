import { madeUpInteraction, rehearseInteractions } from '../rehearse-interactions';
import { readInteraction } from '../../discord';
import { routeInteraction } from '../route-interaction';

describe('the Discord ingress rehearsal', () => {
  it('answers every made-up bid as Discord’s would be answered: signed, read, and deferred or ponged', async () => {
    await expect(rehearseInteractions('usd', 200)).resolves.toEqual({ rounds: 200, offRoute: 0 });
  });

  it('rehearses the bid routes the herd takes: typed /bid and bid buttons, deferred to the bid subscriber', () => {
    const jobs = new Set<string>();
    for (let round = 0; round < 12; round++) {
      const read = readInteraction(madeUpInteraction(round));
      if (!read.ok) throw new Error(read.problem);
      const route = routeInteraction(read.interaction, { currency: 'usd' });
      if (route.kind === 'defer') jobs.add(`${read.interaction.type}:${route.job}`);
    }
    expect([...jobs].sort()).toEqual(['2:place-bid', '3:place-bid']);
  });

  it('counts a round off route when a made-up bid is answered in the request instead of deferred', async () => {
    // Yen have no cents: a typed bid of 25.05 is refused in the request, as a person's would be.
    const { offRoute } = await rehearseInteractions('jpy', 8);
    expect(offRoute).toBeGreaterThan(0);
  });
});
