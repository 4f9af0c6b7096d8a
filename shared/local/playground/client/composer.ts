/**
 * @module composer
 * The message box: typing `/` offers the registered commands as Discord does, with their
 * descriptions; picking one lays out its options (required ones starred; channels, roles
 * and members as pickers, choices as a list); Enter sends it, or says what is missing
 * first, as Discord does. `name:value` typed on the line fills the options too.
 */
import type { CommandDefinition, CommandOption } from '../../../discord';
import { commandData, commandPaths, optionProblem, readLine, suggest, type CommandPath } from './commands';

export interface ComposerContext {
  channels(): Array<{ id: string; name: string }>;
  roles(): Array<{ id: string; name: string }>;
  people(): Array<{ id: string; name: string }>;
  send(data: Record<string, unknown>): Promise<void>;
}

export function composer(definitions: readonly CommandDefinition[], context: ComposerContext): HTMLElement {
  const paths = commandPaths(definitions);
  const root = document.createElement('form');
  root.className = 'composer';
  root.setAttribute('autocomplete', 'off');
  const list = document.createElement('ul');
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  const fields = document.createElement('div');
  fields.className = 'options';
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.setAttribute('role', 'status');
  const line = document.createElement('input');
  line.name = 'line';
  line.placeholder = 'Type / for C500’s commands';
  line.setAttribute('aria-label', 'Message or command');
  root.append(list, fields, hint, line);

  let picked: CommandPath | undefined;
  const values: Record<string, string> = {};

  const pick = (path: CommandPath, typed: Record<string, string> = {}) => {
    if (picked !== path) for (const k of Object.keys(values)) delete values[k];
    picked = path;
    Object.assign(values, typed);
    line.value = `/${path.text} `;
    list.replaceChildren();
    drawFields();
    hint.textContent = path.description;
    line.focus();
  };

  const drawFields = () => {
    fields.replaceChildren();
    for (const option of picked?.options ?? []) fields.append(field(option, values, context));
  };

  line.addEventListener('input', () => {
    const text = line.value;
    if (!text.startsWith('/')) {
      list.replaceChildren();
      return;
    }
    if (picked && !text.replace(/^\//, '').startsWith(picked.text)) {
      picked = undefined;
      fields.replaceChildren();
    }
    if (picked) return;
    list.replaceChildren(
      ...suggest(paths, text).map((p) => {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.dataset.command = p.text;
        const name = document.createElement('strong');
        name.textContent = `/${p.text}`;
        const what = document.createElement('span');
        what.textContent = p.description;
        item.append(name, what);
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          pick(p);
        });
        return item;
      }),
    );
  });

  root.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = line.value.trim();
    if (text === '') return;
    const read = readLine(paths, text);
    if (!read) {
      hint.textContent = text.startsWith('/')
        ? `There is no command ${text.split(' ').slice(0, 3).join(' ')}: type / to see them.`
        : 'C500 reads slash commands, not chat: type / to see them.';
      return;
    }
    if (picked !== read.path) pick(read.path, read.values);
    else Object.assign(values, Object.fromEntries(Object.entries(read.values).filter(([, v]) => v !== '')));
    drawFields();
    const problem = optionProblem(read.path, values);
    if (problem) {
      hint.textContent = problem;
      return;
    }
    const data = commandData(read.path, values, definitions);
    line.value = '';
    picked = undefined;
    fields.replaceChildren();
    hint.textContent = '';
    void context.send(data).catch((error: unknown) => (hint.textContent = error instanceof Error ? error.message : String(error)));
  });
  return root;
}

function field(option: CommandOption, values: Record<string, string>, context: ComposerContext): HTMLElement {
  const label = document.createElement('label');
  label.className = 'option';
  const name = document.createElement('span');
  name.textContent = `${option.name}${option.required ? '*' : ''}`;
  label.title = option.description;
  const choices: Array<{ name: string; value: string }> | undefined =
    option.choices ??
    (option.type === 7 ? context.channels().map((c) => ({ name: `#${c.name}`, value: c.id })) : undefined) ??
    (option.type === 8 ? context.roles().map((r) => ({ name: `@${r.name}`, value: r.id })) : undefined) ??
    (option.type === 6 ? context.people().map((p) => ({ name: `@${p.name}`, value: p.id })) : undefined) ??
    (option.type === 5
      ? [
          { name: 'True', value: 'true' },
          { name: 'False', value: 'false' },
        ]
      : undefined);
  let input: HTMLInputElement | HTMLSelectElement;
  if (choices) {
    const select = document.createElement('select');
    select.append(new Option(option.required ? 'Choose…' : '(none)', ''), ...choices.map((c) => new Option(c.name, c.value)));
    input = select;
  } else {
    const text = document.createElement('input');
    text.type = option.type === 4 || option.type === 10 ? 'number' : 'text';
    if (option.type === 10) text.step = 'any';
    if (option.max_length) text.maxLength = option.max_length;
    text.placeholder = option.description;
    input = text;
  }
  input.name = option.name;
  input.value = values[option.name] ?? '';
  input.addEventListener('input', () => (values[option.name] = input.value));
  input.addEventListener('change', () => (values[option.name] = input.value));
  label.append(name, input);
  return label;
}
