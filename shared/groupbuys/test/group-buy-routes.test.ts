/**
 * What the Discord ingress answers for `/groupbuy` and the posts' buttons, from the
 * interaction alone: a mistyped form at once, a good one deferred to its job; **Interested**
 * and **Join** a quantity modal at once; the other buttons and the modals their jobs.
 */
import { routeInteraction } from '../../router/route-interaction';
import { buttonPress, command, modalSubmit } from '../../../test/support/interactions';

const context = { currency: 'usd' };
const interest = (options: Record<string, string | number>) => routeInteraction(command({ name: 'groupbuy', path: ['interest'], options }), context);
const data = (route: ReturnType<typeof routeInteraction>) =>
  (route.kind === 'reply' ? route.response.data : undefined) as { content?: string; custom_id?: string };

describe('the group buys’ routes at the ingress', () => {
  it('defers a good interest check to its job, and answers a mistyped one at once with what to type', () => {
    expect(interest({ title: 'GMK Olivia', price: 120, moq: 50 })).toMatchObject({ kind: 'defer', topic: 'discord-commands', job: 'post-interest-check' });
    expect(data(interest({ title: 'GMK Olivia', price: 0, moq: 50 })).content).toContain('`price`');
    expect(data(interest({ title: 'GMK Olivia', price: 120, moq: 50, image: 'http://x.example/a.png' })).content).toContain('https://');
  });

  it('opens the quantity modal at once for Interested, and routes Not interested, Who’s interested and the modal to their jobs', () => {
    const modal = routeInteraction(buttonPress('gbint:abcd1234', '821000000000000651'), context);
    expect(modal).toMatchObject({ kind: 'reply', response: { type: 9 } });
    expect(data(modal).custom_id).toBe('gbiq:abcd1234');
    expect(routeInteraction(buttonPress('gbnot:abcd1234', '821000000000000651'), context)).toMatchObject({ job: 'withdraw-interest' });
    expect(routeInteraction(buttonPress('gbwho:abcd1234', '821000000000000651'), context)).toMatchObject({ job: 'list-interest' });
    expect(routeInteraction(modalSubmit('gbiq:abcd1234', { quantity: '2' }, '821000000000000651'), context)).toMatchObject({ job: 'mark-interest' });
  });
});

describe('the group buy’s start at the ingress', () => {
  const start = (options: Record<string, string | number>) => routeInteraction(command({ name: 'groupbuy', path: ['start'], options }), context);

  it('defers a full start or one from a check, and answers a mistyped one at once', () => {
    expect(start({ title: 'Tofu65', price: 250, moq: 3, closes: '14d', ships: '2030-01' })).toMatchObject({ kind: 'reply' });
    const ships = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 7);
    expect(start({ title: 'Tofu65', price: 250, moq: 3, closes: '14d', ships })).toMatchObject({ kind: 'defer', job: 'start-group-buy' });
    expect(start({ from: 'abcd1234', closes: '14d', ships })).toMatchObject({ kind: 'defer', job: 'start-group-buy' });
    expect(data(start({ price: 250, moq: 3, closes: '14d', ships })).content).toContain('Say what it is');
  });
});

describe('a group buy’s buttons at the ingress', () => {
  it('opens the quantity modal at once for Join, and routes its submission to Stripe’s subscriber and Leave to the store’s', () => {
    const modal = routeInteraction(buttonPress('gbjoin:abcd1234', '821000000000000651'), context);
    expect(modal).toMatchObject({ kind: 'reply', response: { type: 9 } });
    expect(data(modal).custom_id).toBe('gbjq:abcd1234');
    expect(routeInteraction(modalSubmit('gbjq:abcd1234', { quantity: '2' }, '821000000000000651'), context)).toMatchObject({
      job: 'join-group-buy',
      topic: 'stripe-commands',
    });
    expect(routeInteraction(buttonPress('gbleave:abcd1234', '821000000000000651'), context)).toMatchObject({
      job: 'leave-group-buy',
      topic: 'discord-commands',
    });
  });
});

describe('the extension at the ingress', () => {
  it('defers a good one and answers a mistyped one at once', () => {
    const extend = (options: Record<string, string>) => routeInteraction(command({ name: 'groupbuy', path: ['extend'], options }), context);
    expect(extend({ id: 'abcd1234', by: '7d' })).toMatchObject({ kind: 'defer', job: 'extend-group-buy' });
    expect(data(extend({ id: 'abcd1234', by: 'a while' })).content).toContain('isn’t a duration');
  });
});
