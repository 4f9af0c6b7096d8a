/**
 * How the ingress answers a pre-bid from the interaction alone: the run sheet's Pre-bid button
 * opens its modal as the first answer (Discord allows a modal only then); the modal and
 * `/bid lot:<n> max:<n>` defer to the shows' job; `/bid` with an amount stays a bid.
 */
import { routeInteraction } from '../route-interaction';
import { buttonPress, command, modalSubmit } from '../../../test/support/interactions';

const context = { currency: 'usd' };

describe('a pre-bid at the ingress', () => {
  it('opens the modal from the run sheet’s Pre-bid button, with the lot and the maximum to fill in', () => {
    const route = routeInteraction(buttonPress('prebid:sh0w0001', '100000000000000001'), context);
    expect(route).toMatchObject({ kind: 'reply', response: { type: 9, data: { custom_id: 'prebid:set' } } });
    const ids = JSON.stringify(route.kind === 'reply' ? route.response.data : {});
    expect(ids).toContain('"custom_id":"lot"');
    expect(ids).toContain('"custom_id":"max"');
  });

  it('defers the modal and `/bid lot:<n> max:<n>` privately to the shows’ pre-bid job; a bid with an amount stays a bid', () => {
    expect(routeInteraction(modalSubmit('prebid:set', { lot: '1', max: '40' }, '100000000000000001'), context)).toEqual({
      kind: 'defer',
      ephemeral: true,
      topic: 'show-commands',
      job: 'pre-bid',
    });
    expect(routeInteraction(command({ name: 'bid', options: { lot: 2, max: 40 } }), context)).toMatchObject({ kind: 'defer', job: 'pre-bid' });
    expect(routeInteraction(command({ name: 'bid', options: { amount: 40 } }), context)).toMatchObject({ kind: 'defer', job: 'place-bid' });
    expect(routeInteraction(command({ name: 'bid', options: {} }), context)).toMatchObject({
      kind: 'reply',
      response: { data: { content: expect.stringContaining('**amount**') } },
    });
  });

  it('treats a forged Pre-bid id as a stale button', () => {
    expect(routeInteraction(buttonPress('prebid:../../x', '100000000000000001'), context)).toMatchObject({ kind: 'reply' });
    expect(routeInteraction(buttonPress('prebid:../../x', '100000000000000001'), context)).not.toMatchObject({ response: { type: 9 } });
  });
});
