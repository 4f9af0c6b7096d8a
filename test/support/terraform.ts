/**
 * terraform/ as data, for the tests that hold it to the registry, the provider schema and
 * the code: every .tf file parsed with `@cdktf/hcl2json`, merged into locals, resources,
 * data sources and the `terraform` settings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Terraform {
  locals: JsonObject;
  /** resource type -> resource name -> body */
  resources: Map<string, Map<string, JsonObject>>;
  /** data source type -> name -> body */
  data: Map<string, Map<string, JsonObject>>;
  /** Every `terraform { }` block. */
  settings: JsonObject[];
  /** provider name -> its `provider "<name>" { }` blocks (more than one with aliases) */
  providers: Map<string, JsonObject[]>;
  variables: Map<string, JsonObject>;
}

export const terraformDir = join(__dirname, '..', '..', 'terraform');

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: Json | undefined, what: string): JsonObject {
  if (!isObject(value)) throw new Error(`${what} is missing or not an object in terraform/`);
  return value;
}

export function asArray(value: Json | undefined, what: string): Json[] {
  if (!Array.isArray(value)) throw new Error(`${what} is missing or not a list in terraform/`);
  return value;
}

/** hcl2json turns each nested block into a list of bodies; most blocks here occur once. */
export function block(body: JsonObject, name: string, what: string): JsonObject {
  return asObject(asArray(body[name], `${what}.${name}`)[0], `${what}.${name}`);
}

function collect(into: Map<string, Map<string, JsonObject>>, section: Json | undefined, what: string): void {
  for (const [type, byName] of Object.entries(section === undefined ? {} : asObject(section, what))) {
    const ofType = into.get(type) ?? new Map<string, JsonObject>();
    for (const [name, bodies] of Object.entries(asObject(byName, `${what} ${type}`))) {
      // Terraform refuses two blocks of one type and name, in one file or across files.
      if (ofType.has(name) || asArray(bodies, `${type}.${name}`).length > 1) throw new Error(`${type}.${name} is declared twice in terraform/`);
      ofType.set(name, asObject(asArray(bodies, `${type}.${name}`)[0], `${type}.${name}`));
    }
    into.set(type, ofType);
  }
}

export async function loadTerraform(): Promise<Terraform> {
  const files = readdirSync(terraformDir)
    .filter((file) => file.endsWith('.tf'))
    .sort();
  if (files.length === 0) throw new Error(`no .tf files in ${terraformDir}`);
  const tf: Terraform = { locals: {}, resources: new Map(), data: new Map(), settings: [], providers: new Map(), variables: new Map() };
  for (const file of files) {
    const parsed: JsonObject = await parse(file, readFileSync(join(terraformDir, file), 'utf8'));
    for (const localsBlock of parsed.locals === undefined ? [] : asArray(parsed.locals, `${file}: locals`)) {
      for (const [name, value] of Object.entries(asObject(localsBlock, `${file}: locals`))) {
        if (name in tf.locals) throw new Error(`local.${name} is defined twice (again in ${file})`);
        tf.locals[name] = value;
      }
    }
    collect(tf.resources, parsed.resource, `${file}: resource`);
    collect(tf.data, parsed.data, `${file}: data`);
    for (const settings of parsed.terraform === undefined ? [] : asArray(parsed.terraform, `${file}: terraform`))
      tf.settings.push(asObject(settings, `${file}: terraform`));
    for (const [name, bodies] of Object.entries(parsed.provider === undefined ? {} : asObject(parsed.provider, `${file}: provider`))) {
      tf.providers.set(name, [...(tf.providers.get(name) ?? []), ...asArray(bodies, `provider.${name}`).map((b) => asObject(b, `provider.${name}`))]);
    }
    for (const [name, bodies] of Object.entries(parsed.variable === undefined ? {} : asObject(parsed.variable, `${file}: variable`))) {
      tf.variables.set(name, asObject(asArray(bodies, `variable.${name}`)[0], `variable.${name}`));
    }
  }
  return tf;
}

/** `${local.name}` -> `name`; anything else -> undefined. */
export function referencedLocal(expression: Json | undefined): string | undefined {
  return typeof expression === 'string' ? /^\$\{local\.([A-Za-z0-9_]+)\}$/.exec(expression)?.[1] : undefined;
}

/**
 * A local's definition with every local it names written out in full, so derivations can be
 * read whole; `local.functions` (the registry's mirror, where they all start) stays as named.
 */
export function expandLocal(tf: Terraform, name: string, depth = 0): string {
  const raw = tf.locals[name];
  const definition = typeof raw === 'string' ? raw : JSON.stringify(raw ?? '');
  if (depth > 8) return definition;
  return definition.replace(/local\.([A-Za-z0-9_]+)/g, (whole, inner: string) =>
    inner === name || inner === 'functions' || !(inner in tf.locals) ? whole : `(${expandLocal(tf, inner, depth + 1)})`,
  );
}
