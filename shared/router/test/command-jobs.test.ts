import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandUseCasesOn } from '../command-jobs';
import { commandJobs, jobTopics } from '../modules';
import { functionRegistry, type TopicName } from '../../registry';

const root = join(__dirname, '../../..');
/** The one job whose subscriber decides it without a command table: a bid goes to the book. */
const servedByTheBook = { job: 'place-bid', topic: 'auction-bids' } as const;
const commandTopics = [...new Set(commandJobs.map((job) => jobTopics[job]))].filter((topic) => topic !== servedByTheBook.topic);

describe('the command tables', () => {
  it.each(commandJobs.filter((job) => job !== servedByTheBook.job))('the job %s is served by the subscriber of the topic its module routes it to', (job) => {
    expect(typeof commandUseCasesOn(jobTopics[job])[job]).toBe('function');
  });

  it('only a bid is routed to the bids topic, which runs no command table', () => {
    expect(commandJobs.filter((job) => jobTopics[job] === servedByTheBook.topic)).toEqual([servedByTheBook.job]);
    expect(Object.keys(commandUseCasesOn(servedByTheBook.topic))).toEqual([]);
  });

  it('no topic serves a job routed to another topic', () => {
    for (const topic of commandTopics)
      for (const job of Object.keys(commandUseCasesOn(topic)).filter((name) => (commandJobs as string[]).includes(name)))
        expect([job, jobTopics[job as keyof typeof jobTopics]]).toEqual([job, topic]);
  });

  it('a job published under its earlier name runs the same use case on the same topic', () => {
    expect(commandUseCasesOn('discord-commands')['show-profile']).toBe(commandUseCasesOn('discord-commands')['profile-view']);
    expect(commandUseCasesOn('race-commands')['show-wallet']).toBe(commandUseCasesOn('race-commands')['wallet-view']);
    expect(commandUseCasesOn('stripe-commands')['show-wallet']).toBeUndefined();
  });

  it.each(commandTopics)('the function subscribed to %s runs that topic’s table', (topic: TopicName) => {
    const subscribers = functionRegistry.filter((entry) => entry.kind === 'pubsub' && entry.topic === topic);
    expect(subscribers).toHaveLength(1);
    const source = readFileSync(join(root, 'functions', `${subscribers[0].module}.ts`), 'utf8');
    expect(source).toContain(`commandUseCasesOn('${topic}')`);
  });
});
