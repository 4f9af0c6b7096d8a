/**
 * test/mutation/message-wording-ignorer.mjs, through Stryker's own instrumenter: in a message
 * file the text a person reads is not mutated, and everything the code decides with still is.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ignorer = join(__dirname, '..', '..', 'mutation', 'message-wording-ignorer.mjs');

/** Instruments `source` as `fileName` with the plugin; each mutant as `ignored|kept mutator original`. */
const instrument = `
import { Instrumenter } from '@stryker-mutator/instrumenter';
const [fileName, source, ignorerPath] = process.argv.slice(1);
const { messageWordingIgnorer } = await import(ignorerPath);
const quiet = () => false;
const log = { isDebugEnabled: quiet, isTraceEnabled: quiet, isInfoEnabled: quiet, debug() {}, info() {}, trace() {}, warn: console.warn, error: console.error, fatal: console.error };
const { mutants } = await new Instrumenter(log).instrument([{ name: fileName, content: source, mutate: true }], { plugins: null, excludedMutations: [], ignorers: [messageWordingIgnorer] });
const lines = source.split('\\n');
for (const m of mutants) {
  const { start, end } = m.location;
  const original = lines[start.line].slice(start.column, start.line === end.line ? end.column : undefined);
  console.log([m.status === 'Ignored' ? 'ignored' : 'kept', m.mutatorName, original].join(' '));
}
`;

function mutantsOf(fileName: string, source: string): string[] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', instrument, fileName, source, ignorer], {
    encoding: 'utf8',
    cwd: join(__dirname, '..', '..', '..'),
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout.trim().split('\n');
}

const messages = [
  `export const refusal = (status: string, n: number, currency?: string) => {`,
  `  if (status === 'open') return privateNote('That lobby is still open.');`,
  `  const shown = currency ?? 'usd';`,
  `  const noun = n === 1 ? 'sale' : 'sales';`,
  `  const lines = ['First line.', \`\${n} \${noun} in \${shown}\`];`,
  `  const button = { kind: 'up-next', label: 'Next up' };`,
  `  switch (status) {`,
  `    case 'racing':`,
  `      return [lines.join('\\n'), button];`,
  `  }`,
  `};`,
].join('\n');

describe('the message-wording ignorer', () => {
  let inRaceMessages: string[];
  beforeAll(() => {
    inRaceMessages = mutantsOf('shared/races/rules/race-messages.ts', messages);
  });

  it('leaves out the text a message only shows: a note, the branches of a choice, list lines, a label, the separator of joined lines', () => {
    const ignored = inRaceMessages.filter((m) => m.startsWith('ignored'));
    expect(ignored.sort()).toEqual(
      [
        `ignored StringLiteral 'That lobby is still open.'`,
        `ignored StringLiteral 'sale'`,
        `ignored StringLiteral 'sales'`,
        `ignored StringLiteral 'First line.'`,
        `ignored StringLiteral 'Next up'`,
        `ignored StringLiteral '\\n'`,
      ].sort(),
    );
  });

  it('keeps each literal the code decides with: compared, a case, a fallback, a kind; and text with values in it', () => {
    const kept = inRaceMessages.filter((m) => m.startsWith('kept StringLiteral'));
    expect(kept).toEqual(
      expect.arrayContaining([
        `kept StringLiteral 'open'`,
        `kept StringLiteral 'usd'`,
        `kept StringLiteral 'up-next'`,
        `kept StringLiteral 'racing'`,
        'kept StringLiteral `${n} ${noun} in ${shown}`',
      ]),
    );
  });

  it('keeps every mutant of a message’s logic: conditions, comparisons, blocks', () => {
    const mutators = new Set(inRaceMessages.filter((m) => m.startsWith('kept')).map((m) => m.split(' ')[1]));
    for (const mutator of ['ConditionalExpression', 'EqualityOperator', 'BlockStatement', 'ArrayDeclaration', 'ObjectLiteral'])
      expect(mutators).toContain(mutator);
  });

  it('treats shared/discord/rules/messages.ts as a message file', () => {
    expect(mutantsOf('shared/discord/rules/messages.ts', messages)).toContain(`ignored StringLiteral 'That lobby is still open.'`);
  });

  it('ignores nothing outside the message files, however message-like the text', () => {
    for (const fileName of ['shared/races/rules/race.ts', 'shared/chatbids/rules/chat-access-notices.ts', 'shared/races/messages.ts'])
      expect(mutantsOf(fileName, messages).filter((m) => m.startsWith('ignored'))).toEqual([]);
  });
});
