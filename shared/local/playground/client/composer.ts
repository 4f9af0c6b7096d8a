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
  const { root, fields, hint, line } = layOut();
  const list = suggestionList(line, (p) => pick(p));
  let picked: CommandPath | undefined;
  const values: Record<string, string> = {};

  const say = (text: string, problem = false) => {
    hint.textContent = text;
    hint.classList.toggle('problem', problem);
  };

  const forget = () => {
    picked = undefined;
    for (const k of Object.keys(values)) delete values[k];
    fields.replaceChildren();
    say('');
  };

  const pick = (path: CommandPath, typed: Record<string, string> = {}) => {
    if (picked !== path) forget();
    picked = path;
    Object.assign(values, typed);
    line.value = `/${path.text} `;
    list.offer([]);
    drawFields();
    say(path.description);
    // As in Discord, the cursor goes on to the command's first field: the next thing to type is its value.
    (fields.querySelector<HTMLElement>('input, select, textarea') ?? line).focus();
  };

  const drawFields = () => {
    fields.replaceChildren();
    for (const option of picked?.options ?? []) fields.append(field(option, values, context));
  };

  line.addEventListener('input', () => {
    const text = line.value;
    // The line no longer names the picked command (cleared, or another typed): its options go with it.
    if (picked && !text.replace(/^\//, '').startsWith(picked.text)) forget();
    list.offer(!text.startsWith('/') || picked ? [] : suggest(paths, text));
  });

  const send = () => {
    const text = line.value.trim();
    if (text === '') return;
    const read = readLine(paths, text);
    if (!read) {
      say(
        text.startsWith('/')
          ? `There is no command ${text.split(' ').slice(0, 3).join(' ')}: type / to see them.`
          : 'C500 reads slash commands, not chat: type / to see them.',
        true,
      );
      return;
    }
    if (picked !== read.path) pick(read.path, read.values);
    else Object.assign(values, Object.fromEntries(Object.entries(read.values).filter(([, v]) => v !== '')));
    drawFields();
    const problem = optionProblem(read.path, values);
    if (problem) {
      say(problem.text, true);
      const missing = fields.querySelector<HTMLElement>(`[name="${problem.option}"]`);
      missing?.setAttribute('aria-invalid', 'true');
      missing?.focus();
      return;
    }
    const data = commandData(read.path, values, definitions);
    line.value = '';
    forget();
    line.focus();
    void context.send(data).catch((error: unknown) => say(error instanceof Error ? error.message : String(error), true));
  };

  // Enter sends from the line or any option field, as Discord's box does; in the list it picks.
  root.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    const inList = event.target === line && list.current() !== undefined;
    if (inList && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      list.move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (inList && event.key === 'Escape') {
      list.offer([]);
    } else if (inList && (event.key === 'Tab' || (event.key === 'Enter' && !readLine(paths, line.value.trim())))) {
      event.preventDefault();
      pick(list.current() as CommandPath);
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      list.offer([]);
      send();
    }
  });
  root.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  return root;
}

function layOut(): { root: HTMLFormElement; fields: HTMLElement; hint: HTMLElement; line: HTMLInputElement } {
  const root = document.createElement('form');
  root.className = 'composer';
  root.setAttribute('autocomplete', 'off');
  const fields = document.createElement('div');
  fields.className = 'options';
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.setAttribute('role', 'status');
  const line = document.createElement('input');
  line.name = 'line';
  line.placeholder = 'Type / for C500’s commands';
  line.setAttribute('aria-label', 'Message or command');
  line.setAttribute('role', 'combobox');
  line.setAttribute('aria-controls', 'suggestions');
  line.setAttribute('aria-autocomplete', 'list');
  root.append(fields, hint, line);
  return { root, fields, hint, line };
}

interface SuggestionList {
  /** Shows these commands, the first one active; none closes the list. */
  offer(paths: CommandPath[]): void;
  /** Moves the active one down (1) or up (-1), round the ends, as the arrows do. */
  move(by: number): void;
  /** The active one, while the list is open. */
  current(): CommandPath | undefined;
}

/** The `/` list above the line: the active one marked as the arrows move it; a click picks one. */
function suggestionList(line: HTMLInputElement, pick: (path: CommandPath) => void): SuggestionList {
  const list = document.createElement('ul');
  list.className = 'suggestions';
  list.id = 'suggestions';
  list.setAttribute('role', 'listbox');
  line.form?.prepend(list);
  let offered: CommandPath[] = [];
  let active = 0;
  const draw = () => {
    line.setAttribute('aria-expanded', String(offered.length > 0));
    list.replaceChildren(
      ...offered.map((p, i) => {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', String(i === active));
        item.id = `suggestion-${i}`;
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
    if (offered.length > 0) line.setAttribute('aria-activedescendant', `suggestion-${active}`);
    else line.removeAttribute('aria-activedescendant');
  };
  return {
    offer: (paths) => {
      offered = paths;
      active = 0;
      draw();
    },
    move: (by) => {
      if (offered.length === 0) return;
      active = (active + by + offered.length) % offered.length;
      draw();
      list.children[active]?.scrollIntoView({ block: 'nearest' });
    },
    current: () => offered[active],
  };
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
  const keep = () => {
    values[option.name] = input.value;
    input.removeAttribute('aria-invalid');
  };
  input.addEventListener('input', keep);
  input.addEventListener('change', keep);
  label.append(name, input);
  return label;
}
