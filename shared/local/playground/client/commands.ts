/**
 * @module commands
 * The slash commands as a person picks them: every command path `register-commands` sends
 * (`/c500 auction start`), its description and its options; what a typed line says
 * (`/c500 ship order:abc tracking:1Z…`); and the interaction data Discord makes of it,
 * each value of its option's type.
 */
import type { CommandDefinition, CommandOption } from '../../../discord';

export interface CommandPath {
  /** `c500 auction start` */
  text: string;
  names: string[];
  description: string;
  options: CommandOption[];
}

const SubCommand = 1;
const SubCommandGroup = 2;

export function commandPaths(definitions: readonly CommandDefinition[]): CommandPath[] {
  const out: CommandPath[] = [];
  const walk = (names: string[], description: string, options: readonly CommandOption[] | undefined) => {
    const nested = (options ?? []).filter((o) => o.type === SubCommand || o.type === SubCommandGroup);
    if (nested.length === 0) out.push({ text: names.join(' '), names, description, options: [...(options ?? [])] });
    for (const o of nested) walk([...names, o.name], o.description, o.options);
  };
  for (const d of definitions) walk([d.name], d.description, d.options);
  return out;
}

/** The commands a typed line could mean, best first: `/c500 dr` offers `/c500 drop`. */
export function suggest(paths: readonly CommandPath[], typed: string): CommandPath[] {
  const words = typed.replace(/^\//, '').trim().toLowerCase();
  const starts = paths.filter((p) => p.text.startsWith(words) || words.startsWith(`${p.text} `) || words === p.text);
  const contains = paths.filter((p) => !starts.includes(p) && words.split(/\s+/).every((w) => p.text.includes(w)));
  return [...starts, ...contains].slice(0, 25);
}

/** The command a typed line names, and the `name:value` pairs after it. */
export function readLine(paths: readonly CommandPath[], line: string): { path: CommandPath; values: Record<string, string> } | undefined {
  const text = line.replace(/^\//, '');
  const path = [...paths].sort((a, b) => b.text.length - a.text.length).find((p) => text === p.text || text.startsWith(`${p.text} `));
  if (!path) return undefined;
  const rest = text.slice(path.text.length);
  const names = path.options.map((o) => o.name).sort((a, b) => b.length - a.length);
  const values: Record<string, string> = {};
  if (names.length === 0) return { path, values };
  const pattern = new RegExp(`(?:^|\\s)(${names.map(escape).join('|')}):`, 'g');
  const found = [...rest.matchAll(pattern)];
  found.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = i + 1 < found.length ? (found[i + 1]?.index ?? rest.length) : rest.length;
    values[match[1] as string] = rest.slice(start, end).trim();
  });
  return { path, values };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What is missing or wrong, as Discord says it before it sends anything; undefined when it can be sent. */
export function optionProblem(path: CommandPath, values: Record<string, string>): { option: string; text: string } | undefined {
  for (const o of path.options) {
    const v = values[o.name]?.trim() ?? '';
    const problem = (text: string) => ({ option: o.name, text });
    if (v === '') {
      if (o.required) return problem(`Fill in ${o.name}: ${o.description}`);
      continue;
    }
    if ((o.type === 4 || o.type === 10) && !Number.isFinite(Number(v))) return problem(`${o.name} is a number`);
    if (o.type === 4 && !Number.isInteger(Number(v))) return problem(`${o.name} is a whole number`);
    if (o.choices && !o.choices.some((c) => c.value === v)) return problem(`${o.name} is one of ${o.choices.map((c) => c.name).join(', ')}`);
  }
  return undefined;
}

/** The interaction's `data` for a command, as Discord builds it from the picked values. */
export function commandData(path: CommandPath, values: Record<string, string>, definitions: readonly CommandDefinition[]): Record<string, unknown> {
  const leaf = path.options
    .filter((o) => (values[o.name]?.trim() ?? '') !== '')
    .map((o) => ({ name: o.name, type: o.type, value: typed(o, (values[o.name] as string).trim()) }));
  const [root, ...subs] = path.names;
  let options: unknown[] = leaf;
  let level = definitions.find((d) => d.name === root)?.options ?? [];
  const chain = subs.map((name) => {
    const option = level.find((o) => o.name === name) as CommandOption;
    level = option.options ?? [];
    return option;
  });
  for (const o of chain.reverse()) options = [{ name: o.name, type: o.type, options }];
  return { id: commandId(root as string), name: root, type: 1, options };
}

function typed(o: CommandOption, v: string): string | number | boolean {
  if (o.type === 4 || o.type === 10) return Number(v);
  if (o.type === 5) return v === 'true';
  return v;
}

/** Discord gives each registered command an id; the product never reads it, so a stable stand-in. */
function commandId(name: string): string {
  let hash = 7;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) % 1_000_000;
  return `13200000000${String(hash).padStart(6, '0')}01`;
}
