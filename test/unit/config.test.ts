import { resolve } from 'node:path';
import { ConfigError, isCloudRegion, loadConfig, localDataController, required } from '../../shared/config';
import { bidGatherMs } from '../../shared/adapters/upstash/upstash-auction-book';

describe('loading the configuration', () => {
  it('runs locally on embedded defaults with no environment at all', () => {
    expect(loadConfig({})).toMatchObject({
      runtime: 'local',
      port: 8080,
      projectId: 'c500-local',
      redisUrl: 'redis://127.0.0.1:6379',
      dataDir: '.data',
      publicBaseUrl: 'http://127.0.0.1:8080',
    });
  });

  it('takes the bid gathering’s window from C500_BID_GATHER_MS, the book’s own 40 ms when unset, 0 to turn it off, and refuses one past 100', () => {
    expect(loadConfig({}).auctions.bidGatherMs).toBe(40);
    expect(loadConfig({}).auctions.bidGatherMs).toBe(bidGatherMs);
    expect(loadConfig({ C500_BID_GATHER_MS: '0' }).auctions.bidGatherMs).toBe(0);
    expect(loadConfig({ C500_BID_GATHER_MS: '4' }).auctions.bidGatherMs).toBe(4);
    expect(() => loadConfig({ C500_BID_GATHER_MS: '101' })).toThrow(/C500_BID_GATHER_MS/);
  });

  it('fails fast in the cloud when the project is missing, naming the variable', () => {
    expect(() => loadConfig({ C500_RUNTIME: 'gcp', C500_PUBLIC_BASE_URL: 'https://c500.example' })).toThrow(new ConfigError('GOOGLE_CLOUD_PROJECT is not set'));
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be/);
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: 'xyz' })).toThrow(/DISCORD_PUBLIC_KEY must be 64 hex/);
    expect(() => loadConfig({ PROBE_PUBLIC_KEY: 'x'.repeat(64) })).toThrow(/PROBE_PUBLIC_KEY must be 64 hex/);
    expect(() => loadConfig({ C500_PUBLIC_BASE_URL: 'not a url' })).toThrow(/C500_PUBLIC_BASE_URL must be an absolute URL/);
  });

  it('demands a secret only where a function needs it, naming it', () => {
    const config = loadConfig({ DISCORD_BOT_TOKEN: 'abc' });
    expect(required(config, 'DISCORD_BOT_TOKEN')).toBe('abc');
    expect(() => required(config, 'STRIPE_SECRET_KEY')).toThrow(/STRIPE_SECRET_KEY is not set/);
  });

  const cloud = {
    C500_RUNTIME: 'gcp',
    GOOGLE_CLOUD_PROJECT: 'c500-prod',
    C500_PUBLIC_BASE_URL: 'https://c500.example',
    C500_CONTROLLER_NAME: 'Keycap Works Ltd',
    C500_PRIVACY_CONTACT: 'privacy@keycap.example',
    C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@c500.example',
  };

  it.each(['C500_CONTROLLER_NAME', 'C500_PRIVACY_CONTACT', 'C500_EU_REPRESENTATIVE'] as const)(
    'refuses to start in the cloud without %s, saying why it is needed',
    (name) => {
      expect(() => loadConfig({ ...cloud, [name]: undefined })).toThrow(new RegExp(`^${name} is not set: production must`));
      expect(() => loadConfig({ ...cloud, [name]: '  ' })).toThrow(new RegExp(`^${name} is not set`));
    },
  );

  it('names the controller and contact it is given, with an address when there is one', () => {
    expect(loadConfig({ ...cloud, C500_CONTROLLER_ADDRESS: ' 1 Switch Lane, Dublin ' }).dataController).toEqual({
      name: 'Keycap Works Ltd',
      contact: 'privacy@keycap.example',
      address: '1 Switch Lane, Dublin',
      euRepresentative: 'Keys EU Rep GmbH, eu-rep@c500.example',
      placeholder: false,
    });
    expect(loadConfig({ ...cloud, C500_PRIVACY_CONTACT: 'https://keycap.example/privacy' }).dataController.contact).toBe('https://keycap.example/privacy');
  });

  it('gives the local runtime placeholders it calls placeholders', () => {
    expect(loadConfig({}).dataController).toEqual(localDataController);
    expect(localDataController).toMatchObject({ contact: 'privacy@c500.invalid', placeholder: true });
    expect(localDataController.name).toContain('placeholder');
    expect(loadConfig({ C500_CONTROLLER_NAME: 'Keycap Works Ltd' }).dataController).toMatchObject({ name: 'Keycap Works Ltd', placeholder: true });
  });

  it('GIVEN the local runtime without C500_EU_REPRESENTATIVE THEN the representative is a placeholder it calls one, as the controller’s name is', () => {
    expect(localDataController.euRepresentative).toContain('a local placeholder: set C500_EU_REPRESENTATIVE');
    const named = { C500_CONTROLLER_NAME: 'Keycap Works Ltd', C500_PRIVACY_CONTACT: 'privacy@keycap.example' };
    expect(loadConfig(named).dataController).toMatchObject({ euRepresentative: localDataController.euRepresentative, placeholder: true });
    expect(loadConfig({ ...named, C500_EU_REPRESENTATIVE: ' Keys EU Rep GmbH ' }).dataController).toMatchObject({
      euRepresentative: 'Keys EU Rep GmbH',
      placeholder: false,
    });
  });

  it.each(['privacy', 'http://keycap.example/privacy', 'someone@', 'mailto:privacy@keycap.example '.repeat(2)])(
    'refuses %p as the privacy contact, naming the variable',
    (contact) => {
      expect(() => loadConfig({ ...cloud, C500_PRIVACY_CONTACT: contact })).toThrow(/^C500_PRIVACY_CONTACT must be an email address or an https URL/);
    },
  );

  it('refuses a controller name of several lines or beyond 300 characters', () => {
    expect(() => loadConfig({ ...cloud, C500_CONTROLLER_NAME: 'Keycap\nWorks' })).toThrow(/^C500_CONTROLLER_NAME must be one line/);
    expect(() => loadConfig({ ...cloud, C500_CONTROLLER_NAME: 'k'.repeat(301) })).toThrow(/^C500_CONTROLLER_NAME must be one line/);
    expect(() => loadConfig({ ...cloud, C500_EU_REPRESENTATIVE: 'Keys EU\nRep' })).toThrow(/^C500_EU_REPRESENTATIVE must be one line/);
    expect(() => loadConfig({ ...cloud, C500_EU_REPRESENTATIVE: 'k'.repeat(301) })).toThrow(/^C500_EU_REPRESENTATIVE must be one line/);
  });

  it.each([
    ['9 characters', '123456789'],
    ['101 characters', 'x'.repeat(101)],
    ['a character outside ASCII', 'sécret-of-twitch'],
  ])('refuses a Twitch EventSub secret of %s, as Twitch does, naming the variable', (_what, secret) => {
    expect(() => loadConfig({ ...cloud, TWITCH_EVENTSUB_SECRET: secret })).toThrow(
      new ConfigError('TWITCH_EVENTSUB_SECRET must be 10 to 100 ASCII characters, as Twitch requires (openssl rand -hex 32)'),
    );
  });

  it('takes a Twitch EventSub secret of 10 and of 100 characters', () => {
    expect(loadConfig({ ...cloud, TWITCH_EVENTSUB_SECRET: '0123456789' }).secrets.TWITCH_EVENTSUB_SECRET).toBe('0123456789');
    expect(loadConfig({ ...cloud, TWITCH_EVENTSUB_SECRET: 'x'.repeat(100) }).secrets.TWITCH_EVENTSUB_SECRET).toHaveLength(100);
  });

  it('refuses an id hash key shorter than 32 characters, which would key the hash of people’s ids in Redis weakly', () => {
    expect(() => loadConfig({ ...cloud, ID_HASH_KEY: 'x'.repeat(31) })).toThrow(
      new ConfigError('ID_HASH_KEY must be at least 32 random characters (openssl rand -hex 32)'),
    );
    expect(loadConfig({ ...cloud, ID_HASH_KEY: 'x'.repeat(32) }).secrets.ID_HASH_KEY).toHaveLength(32);
  });

  it('gives the local runtime a Twitch bot of its own, and the cloud none until the operator names one', () => {
    expect(loadConfig({}).twitchBot).toEqual({ userId: '100000001', moderator: false });
    expect(loadConfig(cloud).twitchBot).toEqual({ userId: undefined, moderator: false });
    expect(loadConfig({ ...cloud, C500_TWITCH_BOT_USER_ID: '141981764', C500_TWITCH_BOT_MODERATOR: 'true' }).twitchBot).toEqual({
      userId: '141981764',
      moderator: true,
    });
  });

  it.each(['c500bot', '12.5', '-1', '1'.repeat(21)])('refuses %s as the Twitch bot’s user id, naming the variable', (userId) => {
    expect(() => loadConfig({ C500_TWITCH_BOT_USER_ID: userId })).toThrow(/^C500_TWITCH_BOT_USER_ID must be the bot account’s Twitch user id, digits only/);
  });

  it('reads whether the Twitch bot is a moderator as true or false only', () => {
    expect(loadConfig({ C500_TWITCH_BOT_MODERATOR: 'TRUE' }).twitchBot.moderator).toBe(true);
    expect(() => loadConfig({ C500_TWITCH_BOT_MODERATOR: 'yes' })).toThrow(/^C500_TWITCH_BOT_MODERATOR must be true or false/);
  });

  it('gives each local data folder a Redis key prefix of its own, the same one each time it starts', () => {
    const first = loadConfig({ C500_DATA_DIR: '/tmp/c500-a' }).redisKeyPrefix;
    expect(first).toMatch(/^c500:[0-9a-f]{12}:$/);
    expect(loadConfig({ C500_DATA_DIR: '/tmp/c500-a' }).redisKeyPrefix).toBe(first);
    // A fresh folder, or a second runtime beside the first, sees none of the other's Redis state.
    expect(loadConfig({ C500_DATA_DIR: '/tmp/c500-b' }).redisKeyPrefix).not.toBe(first);
    // The folder as resolved: `.data` here and its absolute path are one folder, one prefix.
    expect(loadConfig({}).redisKeyPrefix).toBe(loadConfig({ C500_DATA_DIR: resolve('.data') }).redisKeyPrefix);
  });

  it('keeps `c500:` as the cloud’s Redis key prefix, and a prefix given anywhere as given', () => {
    expect(loadConfig(cloud).redisKeyPrefix).toBe('c500:');
    expect(loadConfig({ ...cloud, C500_DATA_DIR: '/tmp/c500-a' }).redisKeyPrefix).toBe('c500:');
    expect(loadConfig({ C500_REDIS_KEY_PREFIX: 'test:1:' }).redisKeyPrefix).toBe('test:1:');
    expect(loadConfig({ ...cloud, C500_REDIS_KEY_PREFIX: 'staging:' }).redisKeyPrefix).toBe('staging:');
  });

  it('refuses a public base URL that is not https in the cloud, naming the variable, and takes http locally', () => {
    expect(() => loadConfig({ ...cloud, C500_PUBLIC_BASE_URL: 'http://c500.example' })).toThrow(/^C500_PUBLIC_BASE_URL must be an https URL in production/);
    expect(loadConfig({ C500_PUBLIC_BASE_URL: 'http://127.0.0.1:9000' }).publicBaseUrl).toBe('http://127.0.0.1:9000');
  });
});

describe('pay windows, held to what Stripe accepts for a checkout deadline', () => {
  it('refuses an auction pay window or a checkout hold outside 30 minutes to 24 hours less the margins, naming the variable', () => {
    expect(() => loadConfig({ C500_AUCTION_PAY_MINUTES: '1440' })).toThrow(/C500_AUCTION_PAY_MINUTES must be a whole number from 30 to 1436/);
    expect(() => loadConfig({ C500_AUCTION_PAY_MINUTES: '29' })).toThrow(/C500_AUCTION_PAY_MINUTES/);
    expect(() => loadConfig({ C500_CHECKOUT_MINUTES: '1439' })).toThrow(/C500_CHECKOUT_MINUTES must be a whole number from 30 to 1436/);
    expect(loadConfig({ C500_AUCTION_PAY_MINUTES: '30', C500_CHECKOUT_MINUTES: '1436' })).toMatchObject({
      auctions: { payMinutes: 30 },
      marketplace: { checkoutMinutes: 1436 },
    });
  });
});

describe('region names', () => {
  it.each(['us-central1', 'europe-west10', 'us-east5', 'northamerica-northeast2', 'me-central2', 'africa-south1', 'asia-southeast1', 'australia-southeast2'])(
    'takes %s, a Cloud Run region name',
    (region) => {
      expect(isCloudRegion(region)).toBe(true);
      expect(loadConfig({ C500_REGION: region }).region).toBe(region);
    },
  );

  it.each(['US-CENTRAL1', 'us-central', 'us_central1', 'europe-west-1', 'us-central01', 'uscentral1', 'us-central1 ', 'us-central1/../x', '-west1'])(
    'refuses %p, naming the variable',
    (region) => {
      expect(isCloudRegion(region)).toBe(false);
      expect(() => loadConfig({ C500_REGION: region })).toThrow(/^C500_REGION must be a Google Cloud region/);
    },
  );
});
