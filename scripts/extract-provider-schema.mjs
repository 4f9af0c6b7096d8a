// `npm run terraform:schema [-- --go-source <dir>]`: writes terraform/provider-schema.json,
// the arguments and nested blocks of every resource and data source terraform/ uses, and of
// the provider blocks it configures, for the provider versions versions.tf pins. There is no
// terraform binary here, so the schema comes from one of two sources, named per pin in
// `bindings`:
// - the published CDKTF binding of that version (its `.jsii` describes every argument,
//   generated from the provider's own schema), fetched with npm;
// - the provider's Go source at that version's tag (scripts/provider-schema-from-go.mjs), for
//   releases CDKTF never bound: CDKTF is deprecated and its last Google binding is for 6.50.0.
//   `--go-source` names a git clone of github.com/hashicorp/terraform-provider-google (bare is
//   enough: `git clone --bare --filter=blob:none <url>`).
// Only what terraform/ uses is kept; run this again after adding a resource type or moving a pin.
//
// `--check-go <version>` (with `--go-source`) is the Go reader's validation: it reads that
// Google release both ways and prints where they differ (6.50.0: only the five arguments the
// CDKTF reading drops, see `cdktfDrops`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from '@cdktf/hcl2json';
import { gitSource, schemasFromGo } from './provider-schema-from-go.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { 'go-source': { type: 'string' }, 'check-go': { type: 'string' } } });

/**
 * Where each pinned provider version's schema is read. A string is the CDKTF binding generated
 * from that version: its package.json names the provider version it was generated from
 * (`cdktf.provider`), and the extract refuses a binding that names another. `{ goTag }` is the
 * tag of hashicorp/terraform-provider-google to read the Go source of. Moving a pin means
 * naming its source here.
 */
const bindings = {
  'hashicorp/google': {
    '6.50.0': '@cdktf/provider-google@16.12.1',
    // The first release that sends `all_traffic_on_latest_revision = false` (CHANGELOG 7.32.0,
    // pull 27256); CDKTF bound no 7.x release.
    '7.32.0': { goTag: 'v7.32.0' },
  },
  'hashicorp/archive': { '2.7.1': '@cdktf/provider-archive@11.0.1' },
};

/**
 * Arguments the CDKTF reading of google 6.50.0 misses and the Go reading finds, each checked
 * in the binding: a nested `count` is skipped as if it were terraform's meta-argument, and
 * `code`'s description (JavaScript with `*` comment markers) garbles its docs link.
 */
const cdktfDrops = [
  'resources/google_monitoring_alert_policy/conditions/condition_absent/trigger: count',
  'resources/google_monitoring_alert_policy/conditions/condition_monitoring_query_language/trigger: count',
  'resources/google_monitoring_alert_policy/conditions/condition_threshold/trigger: count',
  'resources/google_pubsub_subscription/message_transforms/javascript_udf: code',
  'resources/google_pubsub_topic/message_transforms/javascript_udf: code',
];

/** `required_providers` of versions.tf: source and exact version of each provider. */
async function pinnedProviders() {
  const pins = [];
  const parsed = await parse('versions.tf', readFileSync(join(root, 'terraform', 'versions.tf'), 'utf8'));
  for (const settings of parsed.terraform ?? []) {
    for (const providers of settings.required_providers ?? []) {
      for (const [local, { source, version }] of Object.entries(providers)) {
        if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`terraform/versions.tf pins ${source} to "${version}": pin an exact version`);
        const binding = bindings[source]?.[version];
        if (!binding) throw new Error(`no schema source named here for ${source} ${version}: add it to \`bindings\` in scripts/extract-provider-schema.mjs`);
        pins.push({ local, source, version, binding });
      }
    }
  }
  return pins;
}

function usedTypes() {
  const used = { resources: new Set(), data: new Set(), provider_config: new Set() };
  const kinds = { resource: 'resources', data: 'data', provider: 'provider_config' };
  for (const file of readdirSync(join(root, 'terraform')).filter((f) => f.endsWith('.tf'))) {
    const text = readFileSync(join(root, 'terraform', file), 'utf8');
    for (const [, kind, type] of text.matchAll(/^(resource|data|provider)\s+"([a-z0-9_]+)"/gm)) used[kinds[kind]].add(type);
  }
  return used;
}

/** The binding's type descriptions, after checking it was generated from exactly the pinned provider. */
function loadJsii(pin) {
  const dir = mkdtempSync(join(tmpdir(), 'c500-schema-'));
  try {
    const tarball = execFileSync('npm', ['pack', pin.binding, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', tarball, 'package/.jsii', 'package/package.json'], { cwd: dir });
    const generatedFrom = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')).cdktf?.provider;
    if (generatedFrom?.name !== `registry.terraform.io/${pin.source}` || generatedFrom?.version !== pin.version) {
      throw new Error(`${pin.binding} was generated from ${generatedFrom?.name} ${generatedFrom?.version}, not ${pin.source} ${pin.version}`);
    }
    return JSON.parse(readFileSync(join(dir, 'package', '.jsii'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The terraform name of a binding's property: its docs link to the registry ends in `#<name>`. */
function tfName(property) {
  const match = /#([a-z0-9_]+) [A-Za-z0-9]+#/.exec(property.docs?.remarks ?? property.docs?.summary ?? '');
  return match?.[1];
}

/** The struct a property's type names, and whether the block may repeat. */
function blockOf(type, jsii) {
  const fqns = (t) =>
    t.fqn
      ? [{ fqn: t.fqn, many: false }]
      : t.collection
        ? fqns(t.collection.elementtype).map((x) => ({ ...x, many: true }))
        : t.union
          ? t.union.types.flatMap(fqns)
          : [];
  return fqns(type).find((x) => jsii.types[x.fqn]?.kind === 'interface' && jsii.types[x.fqn]?.datatype);
}

const metaArguments = new Set(['count', 'forEach', 'dependsOn', 'lifecycle', 'provider', 'connection', 'provisioners']);

function schemaOf(structFqn, jsii) {
  const schema = { attributes: [], required: [], blocks: {} };
  const seen = new Set();
  const visit = (fqn) => {
    const struct = jsii.types[fqn];
    for (const parent of struct.interfaces ?? []) if (parent.startsWith(jsii.name)) visit(parent);
    for (const property of struct.properties ?? []) {
      if (metaArguments.has(property.name) || seen.has(property.name)) continue;
      seen.add(property.name);
      const name = tfName(property);
      if (!name) continue;
      const block = blockOf(property.type, jsii);
      if (block)
        schema.blocks[name] = { ...schemaOf(block.fqn, jsii), ...(block.many ? {} : { single: true }), ...(property.optional ? {} : { requiredBlock: true }) };
      else {
        schema.attributes.push(name);
        if (!property.optional) schema.required.push(name);
      }
    }
  };
  visit(structFqn);
  schema.attributes.sort();
  schema.required.sort();
  return schema;
}

/** The schemas a CDKTF binding describes, of the types terraform/ uses. */
function fromCdktf(pin, used) {
  const jsii = loadJsii(pin);
  const out = { provider_config: {}, resources: {}, data: {} };
  for (const type of Object.values(jsii.types)) {
    if (type.kind !== 'class') continue;
    const summary = type.docs?.summary ?? '';
    const match = /\/docs\/(resources|data-sources)\/([a-z0-9_]+) ([a-z0-9_]+)\}/.exec(summary);
    // The provider's own block: `Represents a {@link https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs google}.`
    const providerMatch = /\/providers\/[^/ ]+\/[^/ ]+\/[^/ ]+\/docs ([a-z0-9_]+)\}/.exec(summary);
    const [kind, tfType] = match ? [match[1] === 'resources' ? 'resources' : 'data', match[3]] : providerMatch ? ['provider_config', providerMatch[1]] : [];
    if (!kind || !used[kind].has(tfType)) continue;
    // Resources and data sources take (scope, id, config); the provider takes (scope, id, config) too.
    const config = type.initializer?.parameters?.[2]?.type?.fqn;
    if (!config) throw new Error(`no config struct for ${tfType}`);
    out[kind][tfType] = schemaOf(config, jsii);
  }
  return out;
}

/** The schemas the provider's Go source at the pin's tag describes, of the types terraform/ uses. */
function fromGo(pin, used, tag) {
  const dir = args['go-source'];
  if (pin.source !== 'hashicorp/google') throw new Error(`the Go source reader knows terraform-provider-google only, not ${pin.source}`);
  if (!dir)
    throw new Error(
      `${pin.source} ${pin.version} is read from its Go source: pass --go-source <a git clone of github.com/hashicorp/terraform-provider-google>`,
    );
  const git = (...a) => execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8' }).trim();
  const module = git('show', `${tag}:go.mod`).split('\n')[0];
  if (module !== 'module github.com/hashicorp/terraform-provider-google') throw new Error(`${dir} at ${tag} is ${module}, not terraform-provider-google`);
  const ofProvider = (types) => [...types].filter((t) => t.startsWith(`${pin.local}_`));
  const out = schemasFromGo(gitSource(dir, tag), {
    resources: ofProvider(used.resources),
    data: ofProvider(used.data),
    provider: used.provider_config.has(pin.local),
  });
  return { ...out, from: `github.com/hashicorp/terraform-provider-google ${tag} (${git('rev-parse', `${tag}^{commit}`)}), Go source` };
}

/** `--check-go <version>`: the differences between the CDKTF and the Go reading of one release. */
function checkGo(version, used) {
  const pin = { local: 'google', source: 'hashicorp/google', version, binding: bindings['hashicorp/google'][version] };
  if (typeof pin.binding !== 'string') throw new Error(`no CDKTF binding of google ${version} to check the Go reader against`);
  const cdktf = fromCdktf(pin, used);
  const go = fromGo(pin, used, `v${version}`);
  const differences = [];
  const compare = (where, a, b) => {
    for (const list of ['attributes', 'required']) {
      for (const name of a[list]) if (!b[list].includes(name)) differences.push(`${where}: ${list === 'required' ? 'required ' : ''}${name} only in CDKTF`);
      for (const name of b[list])
        if (!a[list].includes(name) && !(list === 'required' && cdktfDrops.includes(`${where}: ${name}`)))
          differences.push(
            `${where}: ${list === 'required' ? 'required ' : ''}${name}${list === 'attributes' && cdktfDrops.includes(`${where}: ${name}`) ? ' only in Go (CDKTF drops it)' : ' only in Go'}`,
          );
    }
    for (const key of ['single', 'requiredBlock']) if (a[key] !== b[key]) differences.push(`${where}: ${key} ${a[key]} in CDKTF, ${b[key]} in Go`);
    for (const name of new Set([...Object.keys(a.blocks), ...Object.keys(b.blocks)])) {
      if (!b.blocks[name] || !a.blocks[name]) differences.push(`${where}/${name}: block only in ${a.blocks[name] ? 'CDKTF' : 'Go'}`);
      else compare(`${where}/${name}`, a.blocks[name], b.blocks[name]);
    }
  };
  for (const kind of ['provider_config', 'resources', 'data'])
    for (const type of Object.keys(go[kind])) compare(`${kind}/${type}`, cdktf[kind][type], go[kind][type]);
  const unexpected = differences.filter((d) => !d.endsWith('(CDKTF drops it)'));
  console.log([`google ${version}, CDKTF (${pin.binding}) against ${go.from}:`, ...differences.map((d) => `  ${d}`)].join('\n'));
  if (unexpected.length) process.exit(1);
}

const used = usedTypes();
if (args['check-go']) {
  checkGo(args['check-go'], used);
  process.exit(0);
}
const out = {
  note: 'Generated by scripts/extract-provider-schema.mjs from each pinned provider (CDKTF binding or Go source, see `from`); do not edit.',
  providers: {},
  provider_config: {},
  resources: {},
  data: {},
};
for (const pin of await pinnedProviders()) {
  const read = typeof pin.binding === 'string' ? { ...fromCdktf(pin, used), from: pin.binding } : fromGo(pin, used, pin.binding.goTag);
  out.providers[pin.source] = { version: pin.version, from: read.from };
  for (const kind of ['provider_config', 'resources', 'data']) Object.assign(out[kind], read[kind]);
}
const what = { resources: 'resource', data: 'data source', provider_config: 'provider block' };
for (const kind of ['provider_config', 'resources', 'data']) {
  for (const type of used[kind]) if (!out[kind][type]) throw new Error(`no provider pinned here describes ${what[kind]} ${type}`);
  out[kind] = Object.fromEntries(Object.entries(out[kind]).sort(([a], [b]) => a.localeCompare(b)));
}
writeFileSync(join(root, 'terraform', 'provider-schema.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(
  `terraform/provider-schema.json: ${Object.keys(out.provider_config).length} provider blocks, ${Object.keys(out.resources).length} resources, ${Object.keys(out.data).length} data sources`,
);
