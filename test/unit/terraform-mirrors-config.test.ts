/**
 * terraform/ hands the functions their configuration; shared/config.ts reads and checks it.
 * These tests hold the two to one set of rules, so a value terraform accepts never stops
 * every function at start, and no setting is left to its local default in the cloud.
 */
import { cloudRegionShape } from '../../shared/config';
import { asArray, asObject, loadTerraform, type Terraform } from '../support/terraform';

let tf: Terraform;
beforeAll(async () => {
  tf = await loadTerraform();
});

/** The `condition` of each `validation` block of a variable, as written. */
function conditionsOf(name: string): string[] {
  const variable = tf.variables.get(name);
  if (!variable) throw new Error(`terraform has no variable "${name}"`);
  return asArray(variable.validation ?? [], `variable.${name}.validation`).map((v) => String(asObject(v, `variable.${name}.validation`).condition));
}

/** The patterns a variable's validation passes to `regex("…", var.<name>)`. */
function regexesOf(name: string): string[] {
  return conditionsOf(name).flatMap((c) =>
    [...c.matchAll(new RegExp(`regex\\("((?:[^"\\\\]|\\\\.)*)",\\s*var\\.${name}\\)`, 'g'))].map((m) => JSON.parse(`"${m[1]}"`) as string),
  );
}

describe('terraform’s variables and shared/config.ts', () => {
  it('check a region name with the same pattern', () => {
    expect(regexesOf('region')).toEqual([cloudRegionShape.source]);
  });
});
