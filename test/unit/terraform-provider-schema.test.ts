/**
 * No terraform binary runs here, so terraform/ is checked against the providers it pins the
 * way `terraform validate` would check arguments: every resource's, data source's and
 * provider block's arguments and nested blocks (dynamic ones too) must exist in the
 * provider's schema, an argument must be written as an argument and a block as a block,
 * every required one must be given, and a block the provider takes once must appear once.
 * The schema is terraform/provider-schema.json, extracted for the pinned versions by
 * scripts/extract-provider-schema.mjs: from a CDKTF binding it checks was generated from exactly
 * the pinned version, or, for releases CDKTF never bound (google after 6.50.0), from the
 * provider's Go source at the version's tag (test/unit/provider-schema-from-go).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asArray, asObject, isObject, loadTerraform, terraformDir, type Json, type JsonObject, type Terraform } from '../support/terraform';

interface BlockSchema {
  attributes: string[];
  required: string[];
  blocks: Record<string, BlockSchema & { single?: true; requiredBlock?: true }>;
}

interface ProviderSchema {
  providers: Record<string, { version: string; from: string }>;
  /** The `provider "<name>" { }` block of each provider terraform/ configures. */
  provider_config: Record<string, BlockSchema>;
  resources: Record<string, BlockSchema>;
  data: Record<string, BlockSchema>;
}

const schema = JSON.parse(readFileSync(join(terraformDir, 'provider-schema.json'), 'utf8')) as ProviderSchema;

/** Terraform's own arguments, which every resource and data source takes. */
const metaArguments = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);

/** What is wrong with one body against its schema, one readable line each. */
export function schemaProblems(where: string, body: JsonObject, block: BlockSchema, topLevel = true): string[] {
  const problems: string[] = [];
  const dynamic = isObject(body.dynamic) ? body.dynamic : {};
  for (const [key, value] of Object.entries(body)) {
    if ((topLevel && metaArguments.has(key)) || key === 'dynamic') continue;
    const nested = block.blocks[key];
    if (nested) {
      // hcl2json gives a block as a list of bodies; `key = { ... }` (an argument) as one object.
      if (!Array.isArray(value) || !value.every(isObject)) {
        problems.push(`${where}: ${key} is a block, written as an argument (${key} = ...)`);
        continue;
      }
      const bodies = value;
      if (nested.single && bodies.length > 1) problems.push(`${where}: ${key} is a block the provider takes once, given ${bodies.length} times`);
      bodies.forEach((b, i) => problems.push(...schemaProblems(`${where}.${key}[${i}]`, asObject(b, `${where}.${key}`), nested, false)));
    } else if (!block.attributes.includes(key)) {
      problems.push(`${where}: the provider has no argument or block named ${key}`);
    } else if (Array.isArray(value) && value.length > 0 && value.every(isObject)) {
      // `key { ... }`. (A list-of-maps argument written literally would read the same; no
      // argument terraform/ uses is one, as every nested object in these schemas is a block.)
      problems.push(`${where}: ${key} is an argument, written as a block (write ${key} = ...)`);
    }
  }
  for (const [name, generated] of Object.entries(dynamic)) {
    const nested = block.blocks[name];
    if (!nested) {
      problems.push(`${where}: dynamic "${name}" names no block of this resource`);
      continue;
    }
    for (const each of asArray(generated as Json, `${where}.dynamic.${name}`)) {
      for (const content of asArray(asObject(each, `${where}.dynamic.${name}`).content, `${where}.dynamic.${name}.content`)) {
        problems.push(...schemaProblems(`${where}.dynamic.${name}.content`, asObject(content, `${where}.dynamic.${name}.content`), nested, false));
      }
    }
  }
  for (const name of block.required) if (!(name in body)) problems.push(`${where}: required argument ${name} is missing`);
  for (const [name, nested] of Object.entries(block.blocks)) {
    if (nested.requiredBlock && !(name in body) && !(name in dynamic)) problems.push(`${where}: required block ${name} is missing`);
  }
  return problems;
}

function everyProblem(tf: Terraform): string[] {
  const problems: string[] = [];
  for (const [name, bodies] of tf.providers) {
    const providerSchema = schema.provider_config[name];
    if (!providerSchema) {
      problems.push(`provider ${name}: not in terraform/provider-schema.json (run npm run terraform:schema)`);
      continue;
    }
    // A provider block takes none of a resource's meta-arguments (alias is in its schema).
    bodies.forEach((body, i) => problems.push(...schemaProblems(`provider.${name}[${i}]`, body, providerSchema, false)));
  }
  for (const [kind, bodies, schemas] of [
    ['resource', tf.resources, schema.resources],
    ['data', tf.data, schema.data],
  ] as const) {
    for (const [type, byName] of bodies) {
      const typeSchema = schemas[type];
      if (!typeSchema) {
        problems.push(`${kind} ${type}: not in terraform/provider-schema.json (run npm run terraform:schema)`);
        continue;
      }
      for (const [name, body] of byName) problems.push(...schemaProblems(`${kind === 'data' ? 'data.' : ''}${type}.${name}`, body, typeSchema));
    }
  }
  return problems;
}

describe('terraform/ against the pinned providers’ schema', () => {
  let tf: Terraform;
  beforeAll(async () => {
    tf = await loadTerraform();
  });

  it('gives every resource, data source and provider block only arguments and blocks its provider has, and all it requires', () => {
    expect(everyProblem(tf)).toEqual([]);
  });

  it('was extracted for exactly the provider versions versions.tf pins', () => {
    const pinned: Record<string, string> = {};
    for (const settings of tf.settings) {
      for (const providers of asArray(settings.required_providers ?? [], 'required_providers')) {
        for (const spec of Object.values(asObject(providers, 'required_providers'))) {
          const { source, version } = asObject(spec, 'a required provider');
          pinned[String(source)] = String(version);
        }
      }
    }
    const extracted = Object.fromEntries(Object.entries(schema.providers).map(([source, p]) => [source, p.version]));
    expect(pinned).toEqual(extracted);
    // Exact versions: a range would let `terraform init` pick a provider the schema does not describe.
    for (const version of Object.values(pinned)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('finds an argument the provider lacks, a block in the wrong place and a missing required argument', () => {
    const fn = tf.resources.get('google_cloudfunctions2_function')?.get('function');
    if (!fn) throw new Error('no google_cloudfunctions2_function.function to try it on');
    const broken: JsonObject = JSON.parse(JSON.stringify(fn)) as JsonObject;
    broken.definitely_not_an_argument = 'x';
    delete broken.location;
    const service = asObject(asArray(broken.service_config, 'service_config')[0], 'service_config');
    service.no_such_block = [{}];
    broken.build_config = [...asArray(broken.build_config, 'build_config'), ...asArray(broken.build_config, 'build_config')];
    const problems = schemaProblems('google_cloudfunctions2_function.function', broken, schema.resources.google_cloudfunctions2_function as BlockSchema);
    expect(problems).toEqual(
      expect.arrayContaining([
        'google_cloudfunctions2_function.function: the provider has no argument or block named definitely_not_an_argument',
        'google_cloudfunctions2_function.function.service_config[0]: the provider has no argument or block named no_such_block',
        'google_cloudfunctions2_function.function: build_config is a block the provider takes once, given 2 times',
        'google_cloudfunctions2_function.function: required argument location is missing',
      ]),
    );
  });

  it('finds an argument written as a block and a block written as an argument', () => {
    const fn = tf.resources.get('google_cloudfunctions2_function')?.get('function');
    if (!fn) throw new Error('no google_cloudfunctions2_function.function to try it on');
    const broken: JsonObject = JSON.parse(JSON.stringify(fn)) as JsonObject;
    broken.labels = [{ team: 'c500' }];
    broken.service_config = asObject(asArray(broken.service_config, 'service_config')[0], 'service_config');
    const problems = schemaProblems('google_cloudfunctions2_function.function', broken, schema.resources.google_cloudfunctions2_function as BlockSchema);
    expect(problems).toEqual(
      expect.arrayContaining([
        'google_cloudfunctions2_function.function: labels is an argument, written as a block (write labels = ...)',
        'google_cloudfunctions2_function.function: service_config is a block, written as an argument (service_config = ...)',
      ]),
    );
  });

  it('checks the provider block too: an argument the google provider lacks is found', () => {
    const [google] = tf.providers.get('google') ?? [];
    if (!google) throw new Error('no provider "google" block to try it on');
    const problems = schemaProblems('provider.google[0]', { ...google, regoin: 'us-central1' }, schema.provider_config.google as BlockSchema, false);
    expect(problems).toEqual(['provider.google[0]: the provider has no argument or block named regoin']);
  });
});
