import { answerInteraction, notTaken } from '../answer-interaction';
import { madeUpInteraction } from '../rehearse-interactions';
import { EPHEMERAL, ResponseType, readInteraction, type Interaction } from '../../discord';
import { RecentIds } from '../../common';
import type { EventPublisher } from '../../ports';

function aBid(round = 1): Interaction {
  const read = readInteraction(madeUpInteraction(round));
  if (!read.ok) throw new Error(read.problem);
  return read.interaction;
}

const timingOut: EventPublisher = { publish: () => Promise.reject(new Error('The operation was aborted due to timeout')) };

describe('the Discord ingress handing an interaction’s work to Pub/Sub', () => {
  it('GIVEN Pub/Sub takes the work THEN the interaction is deferred', async () => {
    const published: string[] = [];
    const publisher: EventPublisher = { publish: async (topic) => (published.push(topic), 'm1') };
    const answer = await answerInteraction(aBid(), { publisher, recent: new RecentIds(), currency: 'usd' });
    expect(answer.type).toBe(ResponseType.DeferredMessage);
    expect(published).toHaveLength(1);
  });

  it('GIVEN Pub/Sub times out THEN the person is answered privately in words, not with an error Discord shows as "This interaction failed"', async () => {
    const answer = await answerInteraction(aBid(), { publisher: timingOut, recent: new RecentIds(), currency: 'usd' });
    expect(answer).toEqual(notTaken);
    expect(answer.type).toBe(ResponseType.Message);
    expect(answer.data).toEqual(expect.objectContaining({ flags: EPHEMERAL, content: expect.stringContaining('try again') }));
  });

  it('GIVEN a publish that failed THEN the same interaction delivered again is published, not taken for a repeat', async () => {
    const recent = new RecentIds();
    const interaction = aBid();
    await answerInteraction(interaction, { publisher: timingOut, recent, currency: 'usd' });
    const published: string[] = [];
    const answer = await answerInteraction(interaction, { publisher: { publish: async (topic) => (published.push(topic), 'm2') }, recent, currency: 'usd' });
    expect(published).toHaveLength(1);
    expect(answer.type).toBe(ResponseType.DeferredMessage);
  });
});
