import { FaultInjector } from '../../../../shared/local/faults/fault-injector';
import { readFaultPlan } from '../../../../shared/local/faults/fault-plan';
import { faultDecider } from '../../../../shared/local/faults/firestore-fault-proxy';

const commit = '/google.firestore.v1.Firestore/Commit';
const get = '/google.firestore.v1.Firestore/BatchGetDocuments';

function decider(spec: string) {
  const faults = new FaultInjector(readFaultPlan(spec) ?? { seed: 1, rates: {}, pubsubDelayMaxMs: 0 }, 'test');
  const clock = { ms: 0 };
  return { decide: faultDecider(faults, () => clock.ms), clock, faults };
}

describe('what the Firestore fault proxy does to a call', () => {
  it('aborts commits only, forwarding reads, when the plan says firestore.aborted', () => {
    const { decide } = decider('firestore.aborted=100%');
    expect(decide(commit)).toBe('aborted');
    expect(decide(get)).toBe('forward');
  });

  it('loses a commit’s answer when the plan says firestore.commit-answer-lost', () => {
    expect(decider('firestore.commit-answer-lost=100%').decide(commit)).toBe('answer-lost');
  });

  it('keeps every call unavailable for the whole stretch one fault opens, and counts the stretch once', () => {
    const { decide, clock, faults } = decider('firestore.unavailable=100%');
    expect(decide(get)).toBe('unavailable');
    clock.ms += 900;
    expect(decide(commit)).toBe('unavailable');
    expect(decide(get)).toBe('unavailable');
    expect(faults.counts()['firestore.unavailable']).toBe(1);
  });

  it('forwards everything when the plan names no Firestore fault', () => {
    const { decide } = decider('stripe.500=100%');
    expect([decide(commit), decide(get)]).toEqual(['forward', 'forward']);
  });
});
