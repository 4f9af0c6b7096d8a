import { functionRegistry, topics } from '../../registry';
import { commandJobs, jobTopics } from '../modules';
import { functionDescription, jobsOn, topicDescription } from '../function-descriptions';

// The reference says what each subscriber runs from the modules' route tables; these hold it to them.
describe('what the registry’s functions are described as handling', () => {
  it.each(commandJobs)('names the job %s under the subscriber of the topic its module routes it to, and under that topic', (job) => {
    const topic = jobTopics[job];
    const subscriber = functionRegistry.find((entry) => entry.kind === 'pubsub' && entry.topic === topic);
    expect(subscriber && functionDescription(subscriber)).toContain(`\`${job}\``);
    expect(topicDescription(topic, '')).toContain(`\`${job}\``);
  });

  it('names no job under a topic the modules route nothing to', () => {
    const quiet = topics.filter((t) => jobsOn(t.name).length === 0);
    expect(quiet.map((t) => topicDescription(t.name, 'meaning'))).toEqual(quiet.map(() => 'meaning'));
  });

  it('has the Discord ingress publish to exactly the topics the modules route jobs to', () => {
    const ingress = functionRegistry.find((entry) => entry.name === 'discordInteractions');
    expect([...(ingress?.publishes ?? [])].sort()).toEqual([...new Set(Object.values(jobTopics))].sort());
  });
});
