/**
 * terraform/ hands the functions their configuration; shared/config/index.ts reads and checks it.
 * These tests hold the two to one set of rules, so a value terraform accepts never stops
 * every function at start, and no setting is left to its local default in the cloud.
 */
import {
  cloudRegionShape,
  loadConfig,
  privacyContactShape,
  secretNames,
  twitchUserIdShape,
  wholeNumberSettings,
  type Config,
  type WholeNumberSetting,
} from '../../shared/config';
import { payWindowMinutes } from '../../shared/stripe-limits';
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

describe('terraform’s variables and shared/config/index.ts', () => {
  it('check a region name with the same pattern', () => {
    expect(regexesOf('region')).toEqual([cloudRegionShape.source]);
  });

  it('check the privacy contact with the same pattern', () => {
    expect(regexesOf('privacy_contact')).toEqual([privacyContactShape.source]);
  });

  it('give the controller’s name and contact and the EU representative no default, so an apply without them stops before a function would', () => {
    expect(variableBehind('C500_CONTROLLER_NAME')).toBe('controller_name');
    expect(variableBehind('C500_EU_REPRESENTATIVE')).toBe('eu_representative');
    expect(tf.variables.get('eu_representative')).not.toHaveProperty('default');
    expect(variableBehind('C500_PRIVACY_CONTACT')).toBe('privacy_contact');
    expect(variableBehind('C500_CONTROLLER_ADDRESS')).toBe('controller_address');
    expect(tf.variables.get('controller_name')).not.toHaveProperty('default');
    expect(tf.variables.get('privacy_contact')).not.toHaveProperty('default');
    expect(tf.variables.get('controller_address')?.default).toBe('');
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
  it('allow in terraform exactly the checkout hold shared/config/index.ts allows, Stripe’s 24 hours less the margins', () => {
    const { min, max } = wholeNumberSettings.C500_CHECKOUT_MINUTES;
    expect({ min, max }).toEqual(payWindowMinutes);
    expect(rangeOf('checkout_minutes')).toEqual({ min, max, whole: true });
  });
});

/**
 * What shared/config/index.ts reads that terraform does not set, and why. Secrets are not here:
 * terraform hands each function its own from Secret Manager (terraform-mirrors-registry).
 */
const notSetByTerraform: Record<string, string> = {
  PORT: 'Cloud Run sets it on every instance',
  GCLOUD_PROJECT: 'an older name of GOOGLE_CLOUD_PROJECT, which terraform sets',
  FUNCTION_REGION: 'the platform sets it on first-generation functions; terraform sets C500_REGION',
  REDIS_URL: 'local only: the Redis behind the local Upstash bridge; the cloud reaches Upstash through the UPSTASH_REDIS_REST_* secrets',
  C500_DATA_DIR: 'local only: where the embedded store keeps its files',
  C500_TWITCH_AUTHORIZE_URL: 'local only: the local runtime points it at its Twitch simulator; unset, it is Twitch’s own page',
  C500_DISCORD_AUTHORIZE_URL: 'local only: the local runtime points it at its Discord sign-in stand-in; unset, it is Discord’s own page',
  C500_DISCORD_API_URL: 'local only: the local runtime points it at its Discord stand-in; unset, it is discord.com’s API',
};

/** Every variable loadConfig reads, found by handing it an environment that notes each name asked for. */
function variablesConfigReads(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_target, name) => {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  loadConfig(env);
  return read;
}

/** `local.runtime_env`: the environment every function gets. */
const runtimeEnv = () => asObject(tf.locals.runtime_env, 'local.runtime_env');

/** The variable behind a runtime_env entry: `${var.x}` or `${tostring(var.x)}`. */
function variableBehind(envName: string): string {
  const expression = String(runtimeEnv()[envName]);
  const name = /^\$\{(?:tostring\()?var\.([a-z0-9_]+)\)?\}$/.exec(expression)?.[1];
  if (!name) throw new Error(`local.runtime_env.${envName} is ${expression}, not a variable`);
  return name;
}

describe('the functions’ environment', () => {
  it('sets every variable shared/config/index.ts reads, but the secrets and the ones listed with their reason', () => {
    const expected = [...variablesConfigReads()].filter((name) => !(secretNames as readonly string[]).includes(name) && !(name in notSetByTerraform));
    expect(Object.keys(runtimeEnv()).sort()).toEqual(expected.sort());
  });

  it('lists as not set only variables config really reads', () => {
    const read = variablesConfigReads();
    expect(Object.keys(notSetByTerraform).filter((name) => !read.has(name))).toEqual([]);
  });

  it.each(Object.keys(wholeNumberSettings) as WholeNumberSetting[])('takes %s from a variable with config’s range and default', (envName) => {
    const { fallback, min, max } = wholeNumberSettings[envName];
    const variable = variableBehind(envName);
    expect(rangeOf(variable)).toEqual({ min, max, whole: true });
    expect(tf.variables.get(variable)?.default).toBe(fallback);
  });

  const textSettings: Array<[string, (config: Config) => string, string[]]> = [
    ['C500_CURRENCY', (c) => c.marketplace.currency, ['usd', 'eur', 'jpy', 'USD', 'us', 'usdd', '', 'u$d']],
    ['C500_PLATFORM_COUNTRY', (c) => c.platformCountry, ['US', 'GB', 'JP', 'us', 'USA', 'U1', '']],
  ];
  it.each(textSettings)('takes %s from a variable whose every accepted value config takes as it is, with config’s default', (envName, read, samples) => {
    const variable = variableBehind(envName);
    const patterns = regexesOf(variable).map((p) => new RegExp(p));
    expect(patterns.length).toBeGreaterThan(0);
    const accepted = samples.filter((value) => patterns.every((p) => p.test(value)));
    expect(accepted.length).toBeGreaterThan(0);
    for (const value of accepted) expect(read(loadConfig({ [envName]: value }))).toBe(value);
    expect(tf.variables.get(variable)?.default).toBe(read(loadConfig({})));
  });
});

describe('the Twitch bot’s settings', () => {
  const cloud = {
    C500_RUNTIME: 'gcp',
    GOOGLE_CLOUD_PROJECT: 'c500-prod',
    C500_PUBLIC_BASE_URL: 'https://c500.example',
    C500_CONTROLLER_NAME: 'Keycap Works Ltd',
    C500_PRIVACY_CONTACT: 'privacy@keycap.example',
    C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@c500.example',
  };

  it('take the bot’s user id from a variable that accepts what config accepts, or nothing', () => {
    expect(variableBehind('C500_TWITCH_BOT_USER_ID')).toBe('twitch_bot_user_id');
    const [pattern] = regexesOf('twitch_bot_user_id').map((p) => new RegExp(p));
    expect(pattern).toBeDefined();
    for (const value of ['141981764', '1', '12345678901234567890', '123456789012345678901', 'c500bot', '-1', ' 1']) {
      const acceptedByConfig = (() => {
        try {
          return loadConfig({ ...cloud, C500_TWITCH_BOT_USER_ID: value }).twitchBot.userId === value;
        } catch {
          return false;
        }
      })();
      expect([value, pattern?.test(value)]).toEqual([value, acceptedByConfig && twitchUserIdShape.test(value)]);
    }
  });

  it('leave the cloud without a bot by default, so chat bidding waits for the operator', () => {
    const fallback = tf.variables.get('twitch_bot_user_id')?.default;
    expect(fallback).toBe('');
    expect(loadConfig({ ...cloud, C500_TWITCH_BOT_USER_ID: fallback as string }).twitchBot.userId).toBeUndefined();
  });

  it('say whether the bot is a moderator from a boolean variable, false unless set', () => {
    expect(variableBehind('C500_TWITCH_BOT_MODERATOR')).toBe('twitch_bot_moderator');
    expect(tf.variables.get('twitch_bot_moderator')?.type).toBe('${bool}');
    expect(tf.variables.get('twitch_bot_moderator')?.default).toBe(false);
    expect(loadConfig({ ...cloud, C500_TWITCH_BOT_MODERATOR: String(false) }).twitchBot.moderator).toBe(false);
    expect(loadConfig({ ...cloud, C500_TWITCH_BOT_MODERATOR: String(true) }).twitchBot.moderator).toBe(true);
  });
});
