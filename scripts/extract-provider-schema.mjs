// `npm run terraform:schema`: writes terraform/provider-schema.json, the arguments and
// nested blocks of every resource and data source terraform/ uses, and of the provider
// blocks it configures, for the provider versions versions.tf pins. There is no terraform
// binary here, so the schema comes from the published CDKTF bindings of those providers
// (their `.jsii` describes every argument, generated from the provider's own schema). Only
// what terraform/ uses is kept, so `npm ci` stays light; run this again after adding a
// resource type or moving a pin.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@cdktf/hcl2json';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The CDKTF binding generated from each provider version versions.tf pins. Each binding's
 * package.json names the provider version it was generated from (`cdktf.provider`); the
 * extract refuses a binding that names another version than the pin, so moving a pin means
 * naming its binding here.
 */
const bindings = {
  'hashicorp/google': { '6.50.0': '@cdktf/provider-google@16.12.1' },
  'hashicorp/archive': { '2.7.1': '@cdktf/provider-archive@11.0.1' },
};

/** `required_providers` of versions.tf: source and exact version of each provider. */
async function pinnedProviders() {
  const pins = [];
  const parsed = await parse('versions.tf', readFileSync(join(root, 'terraform', 'versions.tf'), 'utf8'));
  for (const settings of parsed.terraform ?? []) {
    for (const providers of settings.required_providers ?? []) {
      for (const [local, { source, version }] of Object.entries(providers)) {
        if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`terraform/versions.tf pins ${source} to "${version}": pin an exact version`);
        const binding = bindings[source]?.[version];
        if (!binding) throw new Error(`no CDKTF binding named here for ${source} ${version}: add it to \`bindings\` in scripts/extract-provider-schema.mjs`);
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

const used = usedTypes();
const out = {
  note: 'Generated by scripts/extract-provider-schema.mjs from the CDKTF bindings of each pinned provider; do not edit.',
  providers: {},
  provider_config: {},
  resources: {},
  data: {},
};
for (const pin of await pinnedProviders()) {
  const jsii = loadJsii(pin);
  out.providers[pin.source] = { version: pin.version, from: pin.binding };
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
