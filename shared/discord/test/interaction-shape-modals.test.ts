import { interactionProblem } from '../rules/interaction-shape';

type Json = Record<string, unknown>;

/** A submitted modal whose answers are `components`. */
function modal(components: unknown): Json {
  return {
    id: '1300000000000000001',
    type: 5,
    token: 'token-abc',
    application_id: '1100000000000000001',
    guild_id: '900000000000000001',
    channel_id: '910000000000000001',
    member: { user: { id: '800000000000000002', username: 'keebfan' }, permissions: '3072' },
    data: { custom_id: 'drop:create', components },
  };
}

const input = (changes: Json = {}): Json => ({ type: 4, custom_id: 'title', value: 'Lavender 65%', ...changes });
const row = (...components: unknown[]): Json => ({ type: 1, components });
const label = (component: unknown): Json => ({ type: 18, component });

/** A text input inside `levels` lists: action rows in action rows, as deep as asked. */
const nestedRows = (levels: number): unknown[] => (levels <= 1 ? [input()] : [row(...nestedRows(levels - 1))]);
/** A text input inside labels in labels, `levels` deep. */
const nestedLabels = (levels: number): unknown[] => (levels <= 1 ? [input()] : [label(nestedLabels(levels - 1)[0])]);

describe('the answers of a modal', () => {
  it.each<[string, unknown, string]>([
    ['components that are not a list', 'title', 'components is not a list'],
    ['more than 25 rows', Array.from({ length: 26 }, () => row(input())), 'components is not a list'],
    ['a component that is text', ['title'], 'a component has no type'],
    ['a component with no type', [{ custom_id: 'title', value: 'x' }], 'a component has no type'],
    ['a component whose type is text', [{ type: '4', custom_id: 'title' }], 'a component has no type'],
    ['a custom id longer than 100 characters', [row(input({ custom_id: 't'.repeat(101) }))], 'a component’s custom_id is malformed'],
    ['a custom id that is a number', [input({ custom_id: 7 })], 'a component’s custom_id is malformed'],
    ['an answer longer than 4,000 characters', [row(input({ value: 'v'.repeat(4_001) }))], 'a component’s value is malformed'],
    ['an answer that is a number', [label(input({ value: 65 }))], 'a component’s value is malformed'],
    ['selected values that are text', [{ type: 3, custom_id: 'size', values: 'a' }], 'a component’s values are malformed'],
    ['more than 25 selected values', [{ type: 3, values: Array.from({ length: 26 }, (_, i) => `v${i}`) }], 'a component’s values are malformed'],
    ['a selected value that is a number', [{ type: 3, values: ['a', 5] }], 'a component’s values are malformed'],
    ['a selected value longer than 100 characters', [{ type: 3, values: ['v'.repeat(101)] }], 'a component’s values are malformed'],
    ['a good row followed by a bad one', [row(input()), row(input({ value: 9 }))], 'a component’s value is malformed'],
    ['a good input followed by a bad one', [input(), input({ custom_id: 9 })], 'a component’s custom_id is malformed'],
    ['a row whose inner components are not a list', [row(), { type: 1, components: 'x' }], 'components is not a list'],
  ])('refuses %s, naming what is wrong', (_label, components, problem) => {
    expect(interactionProblem(modal(components))).toBe(problem);
  });

  it('accepts 25 rows, an answer of 4,000 characters and a select of up to 25 values', () => {
    expect(interactionProblem(modal(Array.from({ length: 25 }, () => row(input()))))).toBeUndefined();
    expect(interactionProblem(modal([row(input({ value: 'v'.repeat(4_000), custom_id: 't'.repeat(100) }))]))).toBeUndefined();
    expect(interactionProblem(modal([label({ type: 3, custom_id: 'size', values: ['65%', 'v'.repeat(100)] })]))).toBeUndefined();
    expect(interactionProblem(modal([{ type: 3, values: Array.from({ length: 25 }, (_, i) => `v${i}`) }]))).toBeUndefined();
  });

  it('accepts rows nested six deep and refuses a seventh level', () => {
    expect(interactionProblem(modal(nestedRows(6)))).toBeUndefined();
    expect(interactionProblem(modal(nestedRows(7)))).toBe('components nest too deep');
  });

  it('accepts labels nested six deep and refuses a seventh level', () => {
    expect(interactionProblem(modal(nestedLabels(6)))).toBeUndefined();
    expect(interactionProblem(modal(nestedLabels(7)))).toBe('components nest too deep');
  });

  it('looks inside rows and labels for a malformed answer', () => {
    expect(interactionProblem(modal([row(row(input({ value: 1 })))]))).toBe('a component’s value is malformed');
    expect(interactionProblem(modal([label(label(input({ custom_id: 'c'.repeat(101) })))]))).toBe('a component’s custom_id is malformed');
    expect(interactionProblem(modal([label('title')]))).toBe('a component has no type');
  });
});
