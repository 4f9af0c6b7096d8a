/**
 * terraform/ hands the functions their configuration; shared/config.ts reads and checks it.
 * These tests hold the two to one set of rules, so a value terraform accepts never stops
 * every function at start, and no setting is left to its local default in the cloud.
 */
import { cloudRegionShape, wholeNumberSettings } from '../../shared/config';
import { payWindowMinutes } from '../../shared/domain/marketplace/checkout-window';
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

/** The whole-number range a variable's validation allows: `var.<name> >= min` and `var.<name> <= max`, as written. */
function rangeOf(name: string): { min?: number; max?: number; whole: boolean } {
  const conditions = conditionsOf(name).join(' && ');
  const bound = (op: string) => conditions.match(new RegExp(`var\\.${name}\\s*${op}\\s*(-?\\d+)`))?.[1];
  const [min, max] = [bound('>='), bound('<=')];
  return {
    ...(min === undefined ? {} : { min: Number(min) }),
    ...(max === undefined ? {} : { max: Number(max) }),
    whole: conditions.includes(`floor(var.${name}) == var.${name}`),
  };
}

describe('the pay windows', () => {
  it('allow in terraform exactly the checkout hold shared/config.ts allows, Stripe’s 24 hours less the margins', () => {
    const { min, max } = wholeNumberSettings.C500_CHECKOUT_MINUTES;
    expect({ min, max }).toEqual(payWindowMinutes);
    expect(rangeOf('checkout_minutes')).toEqual({ min, max, whole: true });
  });
});
