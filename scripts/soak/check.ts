/** What each of the soak's invariants answers, and how a check over the world says it. */
import type { SoakWorld } from './world';

export interface InvariantResult {
  name: string;
  group: 'money' | 'people' | 'state';
  held: boolean;
  /** How many things were checked: a check over nothing proves nothing. */
  checked: number;
  counterexample?: string;
}

export type Check = (world: SoakWorld) => Omit<InvariantResult, 'name' | 'group'>;

export interface NamedCheck {
  name: string;
  group: InvariantResult['group'];
  check: Check;
}

export const verdict = (checked: number, problems: string[]): Omit<InvariantResult, 'name' | 'group'> => ({
  held: problems.length === 0,
  checked,
  ...(problems[0] ? { counterexample: problems.length > 1 ? `${problems[0]} (and ${problems.length - 1} more)` : problems[0] } : {}),
});
