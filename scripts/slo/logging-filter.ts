/**
 * @module logging-filter
 * The part of Cloud Logging's query language terraform/metrics.tf's filters use, evaluated
 * over the JSON lines shared/log/index.ts writes, so a test (and the soak's SLO report) can say
 * which lines a log-based metric would count: comparisons `field = "v"`, `!=`, `:` (has:
 * a case-insensitive substring; `field:*` is presence), `=~` and `!~` (RE2 searches, which
 * JavaScript's RegExp runs for the syntax used here), `<`, `<=`, `>`, `>=` (numbers, and
 * severities by rank), `AND`, `OR`, `NOT`, `-` and parentheses. Cloud Logging gives OR a
 * higher precedence than AND, which reads wrong to most people: a filter that mixes the two
 * at one level without parentheses is refused here, so none is written that way. Anything
 * else (bare text search, functions such as `timestamp`) is refused rather than guessed.
 *
 * The extractors are `EXTRACT(field)` and `REGEXP_EXTRACT(field, "re")` with one capture
 * group, as a metric's `value_extractor` and `label_extractors` take them.
 *
 * @example
 * const matches = compileFilter('jsonPayload.event="bid.decided" AND jsonPayload.outcome="refused"');
 * matches(logEntryOf({ severity: 'INFO', message: 'bid decided', event: 'bid.decided', outcome: 'refused' })); // true
 */

/** A log entry as Cloud Logging stores what a function writes as one JSON line on stdout or stderr. */
export interface LogEntry {
  severity: string;
  timestamp?: string;
  jsonPayload: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * Cloud Logging lifts `severity`, `time` and the `logging.googleapis.com/*` fields out of a
 * structured line; the rest, `message` among it, stays in `jsonPayload`.
 */
export function logEntryOf(line: Record<string, unknown>): LogEntry {
  const jsonPayload: Record<string, unknown> = {};
  const entry: LogEntry = { severity: typeof line.severity === 'string' ? line.severity.toUpperCase() : 'DEFAULT', jsonPayload };
  for (const [key, value] of Object.entries(line)) {
    if (key === 'severity') continue;
    if (key === 'time') entry.timestamp = String(value);
    else if (key === 'logging.googleapis.com/trace') entry.trace = value;
    else if (key === 'logging.googleapis.com/spanId') entry.spanId = value;
    else if (!key.startsWith('logging.googleapis.com/')) jsonPayload[key] = value;
  }
  return entry;
}

/** Every JSON object line of a log (a runtime's output mixes in plain lines: the outbox). */
export function readLogLines(text: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'severity' in parsed)
        entries.push(logEntryOf(parsed as Record<string, unknown>));
    } catch {
      // A line cut by a killed process: not a log entry.
    }
  }
  return entries;
}

/** LogSeverity's ranks. shared/log/index.ts writes WARN, which is not one of them: it ranks as DEFAULT, so no filter here leans on it. */
const severityRank: Record<string, number> = {
  DEFAULT: 0,
  DEBUG: 100,
  INFO: 200,
  NOTICE: 300,
  WARNING: 400,
  ERROR: 500,
  CRITICAL: 600,
  ALERT: 700,
  EMERGENCY: 800,
};

export class FilterError extends Error {
  override name = 'FilterError';
}

type Token = { kind: 'word' | 'string' | 'op' | '(' | ')'; text: string };

const operators = ['=~', '!~', '!=', '<=', '>=', '=', ':', '<', '>'];

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, text: c });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < filter.length && filter[i] !== '"') {
        if (filter[i] === '\\' && i + 1 < filter.length) {
          // A quoted string keeps a backslash before anything but a quote or a backslash: a regex's `\.` stays `\.`.
          const next = filter[i + 1] as string;
          text += next === '"' || next === '\\' ? next : `\\${next}`;
          i += 2;
        } else text += filter[i++];
      }
      if (filter[i] !== '"') throw new FilterError(`unterminated string in ${filter}`);
      i++;
      tokens.push({ kind: 'string', text });
    } else {
      const op = operators.find((o) => filter.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op });
        i += op.length;
        continue;
      }
      let text = '';
      while (i < filter.length && !/[\s()"]/.test(filter[i] as string) && !operators.some((o) => filter.startsWith(o, i))) text += filter[i++];
      tokens.push({ kind: 'word', text });
    }
  }
  return tokens;
}

type Node =
  { kind: 'and' | 'or'; parts: Node[] } | { kind: 'not'; part: Node } | { kind: 'compare'; field: string; op: string; value: string; quoted: boolean };

function parse(filter: string): Node {
  const tokens = tokenize(filter);
  let at = 0;
  const peek = () => tokens[at];
  const expression = (): Node => {
    const parts: Node[] = [term()];
    let joiner: 'and' | 'or' | undefined;
    for (;;) {
      const next = peek();
      if (!next || next.kind === ')') break;
      let join: 'and' | 'or' = 'and';
      if (next.kind === 'word' && (next.text === 'AND' || next.text === 'OR')) {
        join = next.text === 'AND' ? 'and' : 'or';
        at++;
      }
      if (joiner && joiner !== join)
        throw new FilterError(`AND and OR mixed without parentheses in ${filter}: Cloud Logging binds OR first; write the parentheses`);
      joiner = join;
      parts.push(term());
    }
    return parts.length === 1 ? (parts[0] as Node) : { kind: joiner ?? 'and', parts };
  };
  const term = (): Node => {
    const token = peek();
    if (!token) throw new FilterError(`filter ends early: ${filter}`);
    if (token.kind === 'word' && token.text === 'NOT') {
      at++;
      return { kind: 'not', part: term() };
    }
    if (token.kind === '(') {
      at++;
      const inner = expression();
      if (peek()?.kind !== ')') throw new FilterError(`missing ) in ${filter}`);
      at++;
      return inner;
    }
    if (token.kind !== 'word') throw new FilterError(`expected a field at "${token.text}" in ${filter}`);
    at++;
    const negated = token.text.startsWith('-');
    const field = negated ? token.text.slice(1) : token.text;
    const op = peek();
    if (op?.kind !== 'op') throw new FilterError(`"${field}" is a bare word; only comparisons are understood here (${filter})`);
    at++;
    const value = peek();
    if (!value || (value.kind !== 'word' && value.kind !== 'string')) throw new FilterError(`"${field}${op.text}" has no value in ${filter}`);
    at++;
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(field)) throw new FilterError(`"${field}" is not a field path this evaluator reads (${filter})`);
    const compare: Node = { kind: 'compare', field, op: op.text, value: value.text, quoted: value.kind === 'string' };
    return negated ? { kind: 'not', part: compare } : compare;
  };
  const tree = expression();
  if (at < tokens.length) throw new FilterError(`unexpected "${tokens[at]?.text}" in ${filter}`);
  return tree;
}

/** A field's value by its dotted path (`jsonPayload.event`); undefined when absent. */
export function fieldOf(entry: LogEntry, path: string): unknown {
  let value: unknown = entry;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function compare(entry: LogEntry, node: Extract<Node, { kind: 'compare' }>): boolean {
  const actual = fieldOf(entry, node.field);
  if (node.op === ':' && node.value === '*' && !node.quoted) return actual !== undefined && actual !== null;
  if (actual === undefined || actual === null) return node.op === '!=' || node.op === '!~';
  switch (node.op) {
    case '=':
      return asText(actual) === node.value;
    case '!=':
      return asText(actual) !== node.value;
    case ':':
      return asText(actual).toLowerCase().includes(node.value.toLowerCase());
    case '=~':
      return new RegExp(node.value).test(asText(actual));
    case '!~':
      return !new RegExp(node.value).test(asText(actual));
    default: {
      const [left, right] =
        node.field === 'severity'
          ? [severityRank[asText(actual)] ?? 0, severityRank[node.value.toUpperCase()]]
          : [typeof actual === 'number' ? actual : Number.NaN, Number(node.value)];
      if (right === undefined || Number.isNaN(left) || Number.isNaN(right)) return false;
      return node.op === '<' ? left < right : node.op === '<=' ? left <= right : node.op === '>' ? left > right : left >= right;
    }
  }
}

function evaluate(entry: LogEntry, node: Node): boolean {
  switch (node.kind) {
    case 'and':
      return node.parts.every((part) => evaluate(entry, part));
    case 'or':
      return node.parts.some((part) => evaluate(entry, part));
    case 'not':
      return !evaluate(entry, node.part);
    case 'compare':
      return compare(entry, node);
  }
}

/** The fields a filter reads (`jsonPayload.event`, `severity`), to check each against what the product writes. */
export function fieldsOf(filter: string): string[] {
  const fields = new Set<string>();
  const walk = (node: Node): void => {
    if (node.kind === 'compare') fields.add(node.field);
    else if (node.kind === 'not') walk(node.part);
    else node.parts.forEach(walk);
  };
  walk(parse(filter));
  return [...fields];
}

/** The filter as a test over entries; a filter outside the subset throws FilterError here, not later. */
export function compileFilter(filter: string): (entry: LogEntry) => boolean {
  const tree = parse(filter);
  return (entry) => evaluate(entry, tree);
}

/**
 * A metric's `value_extractor` or one of its `label_extractors`: the field's value as text
 * (`EXTRACT`), or the regex's one group (`REGEXP_EXTRACT`); undefined when the field is
 * absent or the regex does not match (Cloud Logging then leaves the label empty, or drops
 * the point of a distribution).
 */
export function compileExtractor(extractor: string): (entry: LogEntry) => string | undefined {
  const plain = /^\s*EXTRACT\(\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\)\s*$/.exec(extractor);
  if (plain) {
    const field = plain[1] as string;
    return (entry) => {
      const value = fieldOf(entry, field);
      return value === undefined || value === null ? undefined : asText(value);
    };
  }
  const regex = /^\s*REGEXP_EXTRACT\(\s*([A-Za-z_][A-Za-z0-9_.]*)\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)\s*$/.exec(extractor);
  if (regex) {
    const field = regex[1] as string;
    const pattern = new RegExp((regex[2] as string).replace(/\\(["\\])/g, '$1'));
    return (entry) => {
      const value = fieldOf(entry, field);
      if (value === undefined || value === null) return undefined;
      return pattern.exec(asText(value))?.[1];
    };
  }
  throw new FilterError(`extractor ${extractor} is neither EXTRACT(field) nor REGEXP_EXTRACT(field, "regex")`);
}
