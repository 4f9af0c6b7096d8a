// Reads a terraform-provider-google checkout's Go source and answers, for a resource or data
// source type, the arguments and nested blocks terraform accepts in its configuration, in the
// shape of terraform/provider-schema.json. It exists because CDKTF (the other source of that
// file, scripts/extract-provider-schema.mjs) stopped publishing bindings at provider 6.50.0.
//
// It is not a Go compiler: it tokenizes Go, parses expressions and the straight-line
// statements of the functions a schema is built in, and evaluates them over a handful of
// value kinds (Go maps, struct literals, strings, numbers). What it cannot evaluate (an `if`,
// a `for`, a call into another module) it skips; the check that this is enough is that it
// reproduces the CDKTF-derived schema of 6.50.0 (test/unit/provider-schema-from-go.test.ts on
// a committed excerpt, `npm run terraform:schema -- --compare-go <dir>` on a whole checkout).
//
// The rules that turn the plugin SDK's `schema.Schema` into terraform's configuration schema
// are the SDK's own (helper/schema/core_schema.go): a computed-only field is no argument; a
// list or set whose `Elem` is a `schema.Resource` is a nested block unless it is computed-only
// or `ConfigMode: SchemaConfigModeAttr`; a resource's `Timeouts` is a `timeouts` block. Then
// CDKTF's: a block with `MaxItems: 1` is a single object (not in a provider's own block),
// a block is required when `Required` or `MinItems > 0`, and `id` is not an argument.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const MODULE = 'github.com/hashicorp/terraform-provider-google/';

// ---------- tokens ----------
const PUNCT = ['...', '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '<<', '>>', '&^', '+=', '-=', '*=', '/=', '|=', '&='];
const ENDS_STATEMENT = new Set(['ident', 'str', 'num', ')', ']', '}', '++', '--']);
const STATEMENT_KEYWORDS = new Set(['return', 'break', 'continue', 'fallthrough']);

/** Go tokens, with the semicolons Go inserts at line ends. */
export function tokenize(src) {
  const out = [];
  let i = 0;
  const push = (t, v) => out.push({ t, v });
  const newline = () => {
    const last = out[out.length - 1];
    if (last && (ENDS_STATEMENT.has(last.t) || (last.t === 'ident' && STATEMENT_KEYWORDS.has(last.v)))) push(';', ';');
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      newline();
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      i = src.indexOf('\n', i);
      if (i < 0) i = src.length;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (src.slice(i, end).includes('\n')) newline();
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      push(c === '"' ? 'str' : 'num', c === '"' ? JSON.parse(src.slice(i, j + 1).replace(/\\'/g, "'")) : src.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      push('str', src.slice(i + 1, j));
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (word) {
      push('ident', word[0]);
      i += word[0].length;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9]*)?([eE][+-]?[0-9]+)?)/.exec(src.slice(i, i + 50));
    if (num) {
      push('num', Number(num[0].replace(/_/g, '')));
      i += num[0].length;
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i)) ?? c;
    push(p, p);
    i += p.length;
  }
  newline();
  return out;
}

/** Index just past the bracket that closes the one at `i`. */
function skipGroup(toks, i) {
  let depth = 0;
  for (; i < toks.length; i++) {
    const t = toks[i].t;
    if (t === '(' || t === '[' || t === '{') depth++;
    else if (t === ')' || t === ']' || t === '}') if (--depth === 0) return i + 1;
  }
  return i;
}

/** Splits tokens at semicolons outside brackets. */
function statements(toks, from = 0, to = toks.length) {
  const out = [];
  let start = from;
  for (let i = from; i < to;) {
    const t = toks[i].t;
    if (t === '(' || t === '[' || t === '{') {
      i = skipGroup(toks, i);
      continue;
    }
    if (t === ';') {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
    i++;
  }
  if (to > start) out.push([start, to]);
  return out;
}

// ---------- expressions ----------
class Parser {
  constructor(toks, i, end) {
    Object.assign(this, { toks, i, end });
  }
  peek(k = 0) {
    return this.i + k < this.end ? this.toks[this.i + k] : { t: 'eof', v: '' };
  }
  take(t) {
    const tok = this.peek();
    if (t && tok.t !== t) throw new Error(`expected ${t}, found ${tok.v} at token ${this.i}`);
    this.i++;
    return tok;
  }
  type() {
    const tok = this.peek();
    if (tok.t === '*') {
      this.take();
      return `*${this.type()}`;
    }
    if (tok.t === '[') {
      this.take();
      if (this.peek().t !== ']') this.expr();
      this.take(']');
      return `[]${this.type()}`;
    }
    if (tok.v === 'map') {
      this.take();
      this.take('[');
      const k = this.type();
      this.take(']');
      return `map[${k}]${this.type()}`;
    }
    if (tok.v === 'func' || tok.v === 'interface' || tok.v === 'struct') {
      this.take();
      while (['(', '{'].includes(this.peek().t)) this.i = skipGroup(this.toks, this.i);
      return tok.v;
    }
    let name = this.take('ident').v;
    while (this.peek().t === '.' && this.peek(1).t === 'ident') {
      this.take();
      name += `.${this.take().v}`;
    }
    return name;
  }
  composite(type) {
    this.take('{');
    const elems = [];
    while (this.peek().t !== '}') {
      let key;
      let value = this.peek().t === '{' ? this.composite(null) : this.expr();
      if (this.peek().t === ':') {
        this.take();
        key = value;
        value = this.peek().t === '{' ? this.composite(null) : this.expr();
      }
      elems.push({ key, value });
      if (this.peek().t === ',') this.take();
      while (this.peek().t === ';') this.take();
    }
    this.take('}');
    return { t: 'comp', type, elems };
  }
  primary() {
    const tok = this.peek();
    if (tok.t === 'str' || tok.t === 'num') {
      this.take();
      return { t: 'lit', v: tok.v };
    }
    if (tok.t === '(') {
      this.take();
      const x = this.expr();
      this.take(')');
      return x;
    }
    if (tok.t === '&' || tok.t === '-' || tok.t === '!' || tok.t === '*' || tok.t === '+') {
      this.take();
      return { t: 'unary', op: tok.t, x: this.postfix(this.primary()) };
    }
    if (tok.v === 'func') {
      this.take();
      this.i = skipGroup(this.toks, this.i);
      if (this.peek().t === '(') this.i = skipGroup(this.toks, this.i);
      else if (this.peek().t !== '{') this.type();
      this.i = skipGroup(this.toks, this.i);
      return { t: 'opaque' };
    }
    if (tok.t === '[' || tok.v === 'map') {
      const type = this.type();
      return this.peek().t === '{' ? this.composite(type) : { t: 'type', type };
    }
    if (tok.t === 'ident') {
      this.take();
      return { t: 'ident', name: tok.v };
    }
    throw new Error(
      `unexpected ${tok.v} in: ${this.toks
        .slice(Math.max(0, this.i - 12), this.i + 4)
        .map((t) => t.v)
        .join(' ')}`,
    );
  }
  postfix(x) {
    for (;;) {
      const tok = this.peek();
      if (tok.t === '.' && this.peek(1).t === '(') {
        this.take();
        this.take();
        this.type();
        this.take(')');
        continue;
      }
      if (tok.t === '.') {
        this.take();
        x = { t: 'sel', x, name: this.take('ident').v };
        continue;
      }
      if (tok.t === '(') {
        this.take();
        const args = [];
        while (this.peek().t !== ')') {
          args.push(this.expr());
          if (this.peek().t === '...') this.take();
          if (this.peek().t === ',') this.take();
        }
        this.take(')');
        x = { t: 'call', fn: x, args };
        continue;
      }
      if (tok.t === '[') {
        this.take();
        const idx = this.peek().t === ':' ? { t: 'opaque' } : this.expr();
        while (this.peek().t !== ']') this.take();
        this.take(']');
        x = { t: 'index', x, idx };
        continue;
      }
      if (tok.t === '{' && (x.t === 'ident' || (x.t === 'sel' && x.x.t === 'ident'))) {
        x = this.composite(x.t === 'ident' ? x.name : `${x.x.name}.${x.name}`);
        continue;
      }
      return x;
    }
  }
  expr() {
    let x = this.postfix(this.primary());
    const binary = /^(\+|-|\*|\/|%|&&|\|\||==|!=|<|>|<=|>=|\||&|\^|<<|>>|&\^)$/;
    while (binary.test(this.peek().t)) {
      this.take();
      this.postfix(this.primary());
      x = { t: 'opaque' };
    }
    return x;
  }
}

function parseExpr(toks, from, to) {
  const p = new Parser(toks, from, to);
  return p.expr();
}

// ---------- packages ----------
/**
 * `source` reads the checkout: `list(dir)` names the files of one folder, `read(path)` gives a
 * file's text. Packages are read when first named.
 */
export function goSource(source) {
  const packages = new Map();
  const load = (dir) => {
    if (packages.has(dir)) return packages.get(dir);
    const decls = new Map();
    const inits = [];
    for (const name of source.list(dir)) {
      if (!name.endsWith('.go') || name.endsWith('_test.go')) continue;
      const toks = tokenize(source.read(`${dir}/${name}`));
      const file = { dir, toks, imports: new Map() };
      for (const [a, b] of statements(toks)) declare(file, a, b, decls);
      if (decls.get('init')?.file === file) inits.push(decls.get('init'));
    }
    const pkg = { dir, decls, inits };
    packages.set(dir, pkg);
    return pkg;
  };
  return { load, find: (text) => source.find(text) };
}

function declare(file, a, b, decls) {
  const { toks } = file;
  const kw = toks[a].v;
  if (kw === 'import') {
    const specs = toks[a + 1].t === '(' ? statements(toks, a + 2, skipGroup(toks, a + 1) - 1) : [[a + 1, b]];
    for (const [s, e] of specs) {
      const path = toks[e - 1].v;
      const alias = e - s === 2 ? toks[s].v : path.split('/').pop();
      if (path.startsWith(MODULE)) file.imports.set(alias, path.slice(MODULE.length));
    }
  } else if (kw === 'var' || kw === 'const') {
    const specs = toks[a + 1].t === '(' ? statements(toks, a + 2, skipGroup(toks, a + 1) - 1) : [[a + 1, b]];
    for (const [s, e] of specs) {
      const eq = toks.slice(s, e).findIndex((t) => t.t === '=');
      if (eq > 0) decls.set(toks[s].v, { kind: 'var', file, from: s + eq + 1, to: e });
    }
  } else if (kw === 'func' && toks[a + 1].t === 'ident') {
    const params = [];
    const close = skipGroup(toks, a + 2);
    for (const [s, e] of statements(toks, a + 3, close - 1).flatMap(([s, e]) => splitCommas(toks, s, e))) if (e > s) params.push(toks[s].v);
    let body = b - 1;
    while (toks[body].t !== '}') body--;
    let open = body;
    for (let depth = 0; ; open--) {
      if (toks[open].t === '}') depth++;
      else if (toks[open].t === '{' && --depth === 0) break;
    }
    decls.set(toks[a + 1].v, { kind: 'func', file, params, from: open + 1, to: body });
  }
}

function splitCommas(toks, from, to) {
  const out = [];
  let start = from;
  for (let i = from; i < to;) {
    if (['(', '[', '{'].includes(toks[i].t)) {
      i = skipGroup(toks, i);
      continue;
    }
    if (toks[i].t === ',') {
      out.push([start, i]);
      start = i + 1;
    }
    i++;
  }
  out.push([start, to]);
  return out;
}

// ---------- evaluation ----------
const UNKNOWN = Object.freeze({ unknown: true });
const isMap = (v) => v instanceof Map;

function structOf(type, fields) {
  return { struct: type.replace(/^[&*]/, ''), fields };
}

const natives = {
  MergeSchemas: (args) => new Map(args.filter(isMap).flatMap((m) => [...m])),
  make: () => new Map(),
  DatasourceSchemaFromResourceSchema: ([rs]) => datasourceSchema(rs),
  AddOptionalFieldsToSchema: ([m, ...keys]) => keys.forEach((k) => Object.assign(m.get(k).fields, { Computed: false, Optional: true, Required: false })),
  AddRequiredFieldsToSchema: ([m, ...keys]) => keys.forEach((k) => Object.assign(m.get(k).fields, { Computed: false, Optional: false, Required: true })),
  FixDatasourceSchemaFlags: ([m, required, ...keys]) =>
    keys.forEach((k) => Object.assign(m.get(k).fields, { Computed: false, Optional: !required, Required: required })),
};

function datasourceSchema(rs) {
  const ds = new Map();
  for (const [k, v] of rs) {
    const elem =
      v.fields.Elem?.struct === 'schema.Resource' ? structOf('schema.Resource', { Schema: datasourceSchema(v.fields.Elem.fields.Schema) }) : v.fields.Elem;
    ds.set(k, structOf('schema.Schema', { Computed: true, Type: v.fields.Type, Elem: elem }));
  }
  return ds;
}

export function evaluator(go) {
  const resolve = (file, name) => {
    const decl = go.load(file.dir).decls.get(name);
    return decl ? value(decl) : `${name}`;
  };
  const cache = new Map();
  const value = (decl) => {
    if (decl.kind === 'func') return { func: decl };
    if (!cache.has(decl)) cache.set(decl, evalNode(parseExpr(decl.file.toks, decl.from, decl.to), decl.file, new Map()));
    return cache.get(decl);
  };
  const evalNode = (node, file, env) => {
    switch (node.t) {
      case 'lit':
        return node.v;
      case 'ident':
        if (env.has(node.name)) return env.get(node.name);
        if (node.name === 'true' || node.name === 'false') return node.name === 'true';
        if (node.name === 'nil') return null;
        if (natives[node.name]) return { native: natives[node.name] };
        return resolve(file, node.name);
      case 'sel': {
        if (node.x.t === 'ident' && !env.has(node.x.name) && file.imports.has(node.x.name)) {
          const decl = go.load(file.imports.get(node.x.name)).decls.get(node.name);
          if (natives[node.name]) return { native: natives[node.name] };
          return decl ? value(decl) : UNKNOWN;
        }
        if (node.x.t === 'ident' && !env.has(node.x.name) && !go.load(file.dir).decls.has(node.x.name))
          return natives[node.name] ? { native: natives[node.name] } : `${node.x.name}.${node.name}`;
        const x = evalNode(node.x, file, env);
        return x?.fields ? x.fields[node.name] : UNKNOWN;
      }
      case 'unary':
        return node.op === '&' ? evalNode(node.x, file, env) : UNKNOWN;
      case 'index': {
        const x = evalNode(node.x, file, env);
        return isMap(x) ? x.get(evalNode(node.idx, file, env)) : UNKNOWN;
      }
      case 'comp':
        return composite(node, file, env, node.type);
      case 'call': {
        const fn = evalNode(node.fn, file, env);
        const args = node.args.map((a) => evalNode(a, file, env));
        if (fn?.native) return fn.native(args) ?? UNKNOWN;
        if (fn?.func) return call(fn.func, args);
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  };
  const composite = (node, file, env, type) => {
    if (type?.startsWith('map[')) {
      const elemType = type.slice(type.indexOf(']') + 1);
      return new Map(
        node.elems.map((e) => [
          evalNode(e.key, file, env),
          e.value.t === 'comp' && !e.value.type ? composite(e.value, file, env, elemType) : evalNode(e.value, file, env),
        ]),
      );
    }
    if (type?.startsWith('[]')) return node.elems.map((e) => evalNode(e.value, file, env));
    const fields = {};
    for (const e of node.elems) if (e.key?.t === 'ident') fields[e.key.name] = evalNode(e.value, file, env);
    return structOf(type ?? 'unknown', fields);
  };
  /** Runs a function's straight-line statements; `if`, `for` and the like are skipped. */
  const call = (decl, args) => {
    const { toks } = decl.file;
    const env = new Map(decl.params.map((p, i) => [p, args[i]]));
    for (const [s, e] of statements(toks, decl.from, decl.to)) {
      const kw = toks[s].v;
      if (kw === 'return') return evalNode(parseExpr(toks, s + 1, splitCommas(toks, s + 1, e)[0][1]), decl.file, env);
      if (['if', 'for', 'switch', 'select', 'go', 'defer', 'type', 'const'].includes(kw)) continue;
      const assign = toks.slice(s, e).findIndex((t) => t.t === ':=' || t.t === '=');
      try {
        if (kw === 'var') {
          if (assign > 0) env.set(toks[s + 1].v, evalNode(parseExpr(toks, s + assign + 1, e), decl.file, env));
        } else if (assign > 0) {
          const v = evalNode(parseExpr(toks, s + assign + 1, e), decl.file, env);
          const target = parseExpr(toks, s, s + assign);
          if (target.t === 'ident') env.set(target.name, v);
          else if (target.t === 'index') {
            const m = evalNode(target.x, decl.file, env);
            if (isMap(m)) m.set(evalNode(target.idx, decl.file, env), v);
          } else if (target.t === 'sel') {
            const o = evalNode(target.x, decl.file, env);
            if (o?.fields) o.fields[target.name] = v;
          }
        } else evalNode(parseExpr(toks, s, e), decl.file, env);
      } catch {
        // a statement this evaluator cannot read changes nothing it answers
      }
    }
    return UNKNOWN;
  };
  return { evalNode, call, value };
}

// ---------- configuration schema ----------
const isResource = (v) => v?.struct === 'schema.Resource';

/** terraform/provider-schema.json's shape for one `map[string]*schema.Schema`. */
export function configSchema(schemaMap, { timeouts, provider = false } = {}) {
  const out = { attributes: [], required: [], blocks: {} };
  for (const [name, s] of [...schemaMap].sort(([a], [b]) => a.localeCompare(b))) {
    const f = s.fields;
    if (name === 'id' || (f.Computed === true && f.Optional !== true && f.Required !== true)) continue;
    const nested = isResource(f.Elem) && ['schema.TypeList', 'schema.TypeSet'].includes(f.Type) && f.ConfigMode !== 'schema.SchemaConfigModeAttr';
    if (nested) {
      out.blocks[name] = {
        ...configSchema(f.Elem.fields.Schema ?? new Map(), { provider }),
        ...(f.MaxItems === 1 && !provider ? { single: true } : {}),
        ...(f.Required === true || f.MinItems > 0 ? { requiredBlock: true } : {}),
      };
    } else {
      out.attributes.push(name);
      if (f.Required === true) out.required.push(name);
    }
  }
  const periods = Object.keys(timeouts?.fields ?? {}).map((k) => k.toLowerCase());
  if (periods.length) out.blocks.timeouts = { attributes: periods.sort(), required: [], blocks: {}, single: true };
  out.blocks = Object.fromEntries(Object.entries(out.blocks).sort(([a], [b]) => a.localeCompare(b)));
  return out;
}

const REGISTRY_KINDS = { SchemaTypeResource: 'resources', SchemaTypeIAMResource: 'resources', SchemaTypeDataSource: 'data', SchemaTypeIAMDataSource: 'data' };

/**
 * Since 7.x a type is registered by the package that implements it, in an `init()`:
 * `registry.Schema{Name: "google_x", Type: registry.SchemaTypeResource, Schema: ResourceX()}.Register()`.
 * Answers where the `Schema:` expression of `type`'s registration is.
 */
function registeredInPackage(go, kind, type) {
  for (const path of go.find(`"${type}"`)) {
    if (!path.startsWith('google/services/') || path.endsWith('_test.go')) continue;
    const pkg = go.load(path.slice(0, path.lastIndexOf('/')));
    for (const init of pkg.inits) {
      const { toks } = init.file;
      for (const [s] of statements(toks, init.from, init.to)) {
        if (toks[s].v !== 'registry' || toks[s + 2]?.v !== 'Schema' || toks[s + 3]?.t !== '{') continue;
        const close = skipGroup(toks, s + 3);
        const fields = new Map();
        for (const [a, b] of splitCommas(toks, s + 4, close - 1)) {
          const at = a + (toks[a].t === ';' ? 1 : 0);
          if (toks[at + 1]?.t === ':') fields.set(toks[at].v, { from: at + 2, to: b });
        }
        const name = toks[fields.get('Name')?.from]?.v;
        const registryKind = REGISTRY_KINDS[toks[fields.get('Type')?.to - 1]?.v];
        if (name === type && registryKind === kind) return { file: init.file, ...fields.get('Schema') };
      }
    }
  }
  return undefined;
}

/**
 * The configuration schemas of the provider block and of the named resource and data source
 * types, read from `source` (see goSource).
 */
export function schemasFromGo(source, { resources = [], data = [], provider = true } = {}) {
  const go = goSource(source);
  const ev = evaluator(go);
  const pkg = go.load('google/provider');
  const registered = { resources: new Map(), data: new Map() };
  for (const [name, decl] of pkg.decls) {
    if (decl.kind !== 'var' || !/resources|datasources/i.test(name)) continue;
    const { toks } = decl.file;
    if (toks[decl.from].v !== 'map') continue;
    const open = toks.slice(decl.from, decl.to).findIndex((t) => t.t === '{') + decl.from;
    const kind = /datasources/i.test(name) ? 'data' : 'resources';
    for (const [s, e] of statements(toks, open + 1, skipGroup(toks, open) - 1).flatMap(([a, b]) => splitCommas(toks, a, b))) {
      if (e - s > 2 && toks[s].t === 'str' && toks[s + 1].t === ':') registered[kind].set(toks[s].v, { file: decl.file, from: s + 2, to: e });
    }
  }
  const out = { provider_config: {}, resources: {}, data: {} };
  for (const [kind, types] of [
    ['resources', resources],
    ['data', data],
  ]) {
    for (const type of types) {
      const at = registered[kind].get(type) ?? registeredInPackage(go, kind, type);
      if (!at) throw new Error(`google/provider registers no ${kind === 'data' ? 'data source' : 'resource'} ${type}`);
      const res = ev.evalNode(parseExpr(at.file.toks, at.from, at.to), at.file, new Map());
      if (!isMap(res?.fields?.Schema)) throw new Error(`could not evaluate the schema of ${type}`);
      out[kind][type] = configSchema(res.fields.Schema, { timeouts: res.fields.Timeouts });
    }
  }
  if (provider) {
    const decl = pkg.decls.get('Provider');
    const p = ev.call(decl, []);
    // Since 7.x each product registers itself and Provider() adds an optional string argument,
    // `<product>_custom_endpoint`, for each in a loop over the registry.
    const loop = decl.file.toks.slice(decl.from, decl.to).some((t, i, all) => t.v === 'ListProducts' && all[i - 2]?.v === 'registry');
    if (loop) {
      for (const path of go.find('CustomEndpointField:')) {
        for (const [, field] of source.read(path).matchAll(/CustomEndpointField:\s*"([a-z0-9_]+)"/g)) {
          p.fields.Schema.set(field, structOf('schema.Schema', { Type: 'schema.TypeString', Optional: true }));
        }
      }
    }
    out.provider_config.google = configSchema(p.fields.Schema, { provider: true });
    // Every provider block takes terraform's `alias` meta-argument.
    out.provider_config.google.attributes = [...out.provider_config.google.attributes, 'alias'].sort();
  }
  return out;
}

// ---------- sources ----------
/** A checkout at `tag` in a git directory (a clone, bare or not, of terraform-provider-google). */
export function gitSource(gitDir, tag) {
  const git = (...args) => execFileSync('git', ['-C', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return {
    list: (dir) => {
      try {
        return git('ls-tree', '--name-only', `${tag}:${dir}`).split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    read: (path) => git('show', `${tag}:${path}`),
    find: (text) => {
      try {
        return git('grep', '-l', '-F', text, tag, '--', 'google/')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.slice(tag.length + 1));
      } catch {
        return [];
      }
    },
  };
}

/** Files laid out as in the repository under `root` (the committed excerpts the tests read). */
export function dirSource(root) {
  const walk = (dir) =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
  return {
    list: (dir) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : []),
    read: (path) => readFileSync(join(root, path), 'utf8'),
    find: (text) => walk('google').filter((p) => readFileSync(join(root, p), 'utf8').includes(text)),
  };
}

// `node scripts/provider-schema-from-go.mjs <dir> [--git <tag>] [--provider] [--resource T]... [--data T]...`
// prints the schemas as JSON: a one-off look at a release, and what the tests run.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { git: { type: 'string' }, provider: { type: 'boolean' }, resource: { type: 'string', multiple: true }, data: { type: 'string', multiple: true } },
  });
  const source = values.git ? gitSource(positionals[0], values.git) : dirSource(positionals[0]);
  const out = schemasFromGo(source, { resources: values.resource ?? [], data: values.data ?? [], provider: values.provider ?? false });
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}
