/**
 * The production-clients switch (`C500_PRODUCTION_CLIENTS=1`): functions in every process
 * pay through stripe-node against the local Stripe served over HTTP, and reach the auction
 * book with `@upstash/redis` through the local Upstash endpoint, as deployed functions do.
 */
import { collectionPath } from '../../shared/ports';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { linkTwitch, onboard, paidOrder, setUpGuild, streamEvent } from '../support/marketplace';

let rt: TestRuntime;
const builder = '813000000000000001';
const buyer = '823000000000000001';

beforeAll(async () => {
  rt = await startTestRuntime({ env: { C500_PRODUCTION_CLIENTS: '1' } });
});
afterAll(() => rt.close());

const answersKept = collectionPath<{ request: string; status: number }>('_localStripeApiAnswers');

describe('the local runtime under the production-clients switch', () => {
  it('says so, and keeps its auction book behind the local Upstash endpoint', async () => {
    const health = (await (await fetch(`${rt.url}/_local/health`)).json()) as { auctionBook: string; productionEdges: string[] };
    expect(health).toMatchObject({ auctionBook: 'upstash', productionEdges: ['stripe', 'upstash'] });
  });

  it('sells an item through stripe-node: the builder’s account, its onboarding link and the checkout all went over the served Stripe API', async () => {
    await setUpGuild(rt);
    await onboard(rt, builder);
    await linkTwitch(rt, builder, 'prodclientkeebs');
    await streamEvent(rt, 'prodclientkeebs', 'online');
    const order = await paidOrder(rt, builder, buyer);
    expect(order.status).toBe('paid');
    const requests = (await rt.store.query(answersKept, {})).map((row) => row.data.request.split(' ').slice(0, 2).join(' '));
    expect(requests).toEqual(expect.arrayContaining(['POST /v1/accounts', 'POST /v1/account_links', 'POST /v1/checkout/sessions']));
  });
});
