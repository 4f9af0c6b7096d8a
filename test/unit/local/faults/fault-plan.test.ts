import { ConfigError } from '../../../../shared/config';
import { defaultFaultMix, describeFaultPlan, faultKinds, readFaultPlan } from '../../../../shared/local/faults/fault-plan';
import { FaultInjector, totalFaultCounts } from '../../../../shared/local/faults/fault-injector';

describe('the fault plan C500_FAULTS describes', () => {
  it('is off when unset, empty or off', () => {
    expect(readFaultPlan(undefined)).toBeUndefined();
    expect(readFaultPlan('  ')).toBeUndefined();
    expect(readFaultPlan('off')).toBeUndefined();
  });

  it('reads each kind’s rate as a percentage or a fraction, and the seed', () => {
    expect(readFaultPlan('stripe.500=2%, discord.429=0.05 seed=42')).toEqual({
      seed: 42,
      rates: { 'stripe.500': 0.02, 'discord.429': 0.05 },
      pubsubDelayMaxMs: 3_000,
    });
  });

  it('expands default into the soak’s mix, which later entries override', () => {
    const plan = readFaultPlan('default, tasks.early=0%, seed=7');
    expect(plan?.rates['tasks.early']).toBe(0);
    expect(plan?.rates['stripe.timeout-after-success']).toBe(0.02);
    expect(plan?.seed).toBe(7);
    expect(Object.keys(readFaultPlan(defaultFaultMix)?.rates ?? {}).sort()).toEqual(Object.keys(faultKinds).sort());
  });

  it('takes the longest delay of pubsub.delay after a colon, and no other kind’s', () => {
    expect(readFaultPlan('pubsub.delay=5%:10s')?.pubsubDelayMaxMs).toBe(10_000);
    expect(() => readFaultPlan('stripe.500=5%:10s')).toThrow(/only pubsub.delay takes a duration/);
  });

  it('reads a file of entries, one a line, with comments', () => {
    const plan = readFaultPlan('@faults.txt', () => '# the soak\nstripe.500=1%  # Stripe down now and then\nseed=3\n');
    expect(plan).toMatchObject({ seed: 3, rates: { 'stripe.500': 0.01 } });
  });

  it.each([
    ['stripe.502=1%', /the kinds are/],
    ['stripe.500=150%', /a rate is a percentage/],
    ['stripe.500', /an entry is/],
    ['seed=-1', /the seed is a whole number/],
    ['pubsub.delay=1%:forever', /a delay is written/],
  ])('refuses %s with a ConfigError that says what to write', (spec, why) => {
    expect(() => readFaultPlan(spec)).toThrow(ConfigError);
    expect(() => readFaultPlan(spec)).toThrow(why);
  });

  it('says itself back as the text that makes it', () => {
    const plan = readFaultPlan('stripe.500=2%, pubsub.delay=5%:2s, seed=9');
    expect(plan && readFaultPlan(describeFaultPlan(plan))).toEqual(plan);
  });
});

describe('the fault injector', () => {
  const plan = readFaultPlan('stripe.500=30%, discord.429=10%, seed=5');

  it('makes the same decisions for the same seed and stream, and others for another stream', () => {
    const draw = (stream: string) => {
      const faults = new FaultInjector(plan!, stream);
      return Array.from({ length: 200 }, () => faults.roll('stripe.500'));
    };
    expect(draw('runtime')).toEqual(draw('runtime'));
    expect(draw('runtime')).not.toEqual(draw('workers'));
  });

  it('injects at about the plan’s rate, never a kind the plan does not name, and counts what it injected', () => {
    const told: string[] = [];
    const faults = new FaultInjector(plan!, 'runtime', (kind) => told.push(kind));
    const hits = Array.from({ length: 2_000 }, () => faults.roll('stripe.500')).filter(Boolean).length;
    expect(hits).toBeGreaterThan(500);
    expect(hits).toBeLessThan(700);
    expect(Array.from({ length: 100 }, () => faults.roll('upstash.timeout')).some(Boolean)).toBe(false);
    expect(faults.counts()).toEqual({ 'stripe.500': hits });
    expect(told).toHaveLength(hits);
  });

  it('keeps one kind’s decisions whatever another kind draws in between', () => {
    const alone = new FaultInjector(plan!, 'runtime');
    const mixed = new FaultInjector(plan!, 'runtime');
    const aloneDraws = Array.from({ length: 50 }, () => alone.roll('stripe.500'));
    const mixedDraws = Array.from({ length: 50 }, () => {
      mixed.roll('discord.429');
      mixed.between('discord.429', 1, 5);
      return mixed.roll('stripe.500');
    });
    expect(mixedDraws).toEqual(aloneDraws);
  });

  it('adds counts from several processes, listing every kind', () => {
    const total = totalFaultCounts([{ 'stripe.500': 2 }, { 'stripe.500': 1, 'upstash.timeout': 4 }]);
    expect(total['stripe.500']).toBe(3);
    expect(total['upstash.timeout']).toBe(4);
    expect(total['tasks.early']).toBe(0);
  });
});
