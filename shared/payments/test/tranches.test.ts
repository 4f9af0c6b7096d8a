import fc from 'fast-check';
import { milestones, type Milestone, type Tranche } from '../../orders';
import { dueBy, isLater, trancheCents } from '../rules/tranches';

const plan: Tranche[] = [
  { milestone: 'parts-in', percent: 30 },
  { milestone: 'done', percent: 70 },
];

describe('a commission’s tranches', () => {
  it('releases 30 % at parts-in and the rest at done, to the cent', () => {
    expect(trancheCents(10_000, plan, undefined, 'parts-in')).toBe(3_000);
    expect(trancheCents(10_000, plan, 'parts-in', 'done')).toBe(7_000);
  });

  it('rounds a tranche down and leaves the odd cent to done', () => {
    expect(dueBy(10_001, plan, 'parts-in')).toBe(3_000);
    expect(trancheCents(10_001, plan, 'parts-in', 'done')).toBe(7_001);
  });

  it('releases everything at done when the commission has no tranches', () => {
    expect(trancheCents(9_999, [], undefined, 'assembly')).toBe(0);
    expect(trancheCents(9_999, [], undefined, 'done')).toBe(9_999);
  });

  it('counts a milestone no tranche names as releasing nothing more', () => {
    expect(trancheCents(10_000, plan, 'parts-in', 'assembly')).toBe(0);
    expect(dueBy(10_000, plan, 'sound-test')).toBe(3_000);
  });

  it('releases the tranches a build skipped over when it proves a later milestone', () => {
    const three: Tranche[] = [
      { milestone: 'parts-in', percent: 20 },
      { milestone: 'assembly', percent: 30 },
      { milestone: 'done', percent: 50 },
    ];
    expect(trancheCents(10_000, three, undefined, 'assembly')).toBe(5_000);
  });

  it('never releases anything before the first milestone', () => {
    expect(dueBy(10_000, plan, undefined)).toBe(0);
  });

  it('refuses a share that is not whole cents', () => {
    expect(() => dueBy(10.5, plan, 'done')).toThrow(RangeError);
    expect(() => dueBy(-1, plan, 'done')).toThrow(RangeError);
  });

  it('knows a later milestone from an earlier or the same one', () => {
    expect(isLater('assembly', 'parts-in')).toBe(true);
    expect(isLater('parts-in', 'assembly')).toBe(false);
    expect(isLater('done', 'done')).toBe(false);
    expect(isLater('parts-in', undefined)).toBe(true);
  });

  // An oracle apart from the rule: the tranches' exact rational parts, summed as fractions of the share.
  // Plans as the drop form takes them: at most 99 % before done (three parts of at most 33 %).
  const tranchePlans = fc.uniqueArray(fc.constantFrom<Milestone>('parts-in', 'assembly', 'sound-test'), { maxLength: 3 }).chain((named) =>
    fc.array(fc.integer({ min: 1, max: 33 }), { minLength: named.length, maxLength: named.length }).map((percents) => {
      const before = named.map((milestone, i) => ({ milestone, percent: percents[i] ?? 1 }));
      const used = before.reduce((s, t) => s + t.percent, 0);
      return [...before.sort((a, b) => milestones.indexOf(a.milestone) - milestones.indexOf(b.milestone)), { milestone: 'done' as const, percent: 100 - used }];
    }),
  );

  it('releases, over any path of milestones, exactly the share, each step within a cent of its exact part and never ahead of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), tranchePlans, fc.subarray([...milestones]), (share, tranches, path) => {
        const steps: Milestone[] = [...path.filter((m) => m !== 'done'), 'done'];
        let last: Milestone | undefined;
        let released = 0;
        for (const step of steps) {
          const part = trancheCents(share, tranches, last, step);
          expect(part).toBeGreaterThanOrEqual(0);
          released += part;
          last = step;
          // What is exactly due by this step, as a rational: share × percent / 100.
          const exactPercent = tranches.filter((t) => milestones.indexOf(t.milestone) <= milestones.indexOf(step)).reduce((s, t) => s + t.percent, 0);
          expect(released * 100).toBeLessThanOrEqual(share * exactPercent);
          expect(share * exactPercent - released * 100).toBeLessThan(100);
        }
        expect(released).toBe(share);
      }),
    );
  });
});

describe('the edges of the tranche rule', () => {
  it('releases the whole share at done, whatever the tranches', () => {
    expect(dueBy(9_999, plan, 'done')).toBe(9_999);
    expect(dueBy(10_000, [{ milestone: 'parts-in', percent: 30 }], 'done')).toBe(10_000);
    expect(
      dueBy(
        9_999,
        [
          { milestone: 'parts-in', percent: 99 },
          { milestone: 'done', percent: 1 },
        ],
        'done',
      ),
    ).toBe(9_999);
  });

  it('takes no tranches as everything at done: nothing before it', () => {
    expect(dueBy(10_000, [], 'sound-test')).toBe(0);
  });

  it('says what is wrong with a share that is not whole cents', () => {
    expect(() => dueBy(1.5, plan, 'parts-in')).toThrow('a share of 1.5 is not whole cents');
  });

  it('counts any first milestone as later than none', () => {
    expect(isLater('done', undefined)).toBe(true);
    expect(isLater('assembly', 'assembly')).toBe(false);
  });
});
