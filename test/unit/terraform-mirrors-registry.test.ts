/**
 * The registry (shared/registry.ts) is the one list of functions, topics and queues;
 * terraform/locals.tf repeats it as data and every resource is built from those locals.
 * This test holds the two together, so a function added on one side only fails here, not
 * in production.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from '@cdktf/hcl2json';
import { deployedName, functionRegistry, pubsubRetryPolicy, queues, topics, type FunctionEntry } from '../../shared/registry';
import { secretNames } from '../../shared/config';
import { shopSecretsDatabase } from '../../shared/races';
import {
  asArray,
  asObject,
  block,
  expandLocal,
  loadTerraform,
  referencedLocal,
  terraformDir,
  type Json,
  type JsonObject,
  type Terraform,
} from '../support/terraform';

/** The fields terraform needs from a registry entry, in the shape locals.tf writes them. */
function registryShape(entry: FunctionEntry): JsonObject {
  const lists = {
    secrets: [...entry.secrets].sort(),
    schedules: [...entry.schedules].sort(),
    ...(entry.cancels ? { cancels: [...entry.cancels].sort() } : {}),
  };
  const sized: JsonObject = {
    ...(entry.maxInstances !== undefined ? { max_instances: entry.maxInstances } : {}),
    ...(entry.minInstances !== undefined ? { min_instances: entry.minInstances } : {}),
  };
  switch (entry.kind) {
    case 'http':
      return {
        kind: entry.kind,
        route: entry.route,
        public: entry.public,
        ...(entry.signedBy ? { signed_by: entry.signedBy } : {}),
        ...(entry.subpaths ? { subpaths: true } : {}),
        ...sized,
        ...lists,
      };
    case 'pubsub':
      return { kind: entry.kind, topic: entry.topic, concurrency: entry.concurrency, ...sized, ...lists };
    case 'task':
      return { kind: entry.kind, route: entry.route, queue: entry.queue, ...lists };
    case 'scheduled':
      return { kind: entry.kind, route: entry.route, every_minutes: entry.everyMinutes, ...lists };
  }
}

/** List order carries no meaning; everything else is compared as written. */
function terraformShape(value: Json): JsonObject {
  const shape = { ...asObject(value, 'a local.functions entry') };
  for (const list of ['secrets', 'schedules', 'cancels']) if (Array.isArray(shape[list])) shape[list] = [...shape[list]].sort();
  return shape;
}

/** Compares two name -> value maps both ways; one readable line per disagreement. */
function disagreements(what: string, registry: Map<string, Json>, terraform: Map<string, Json>, mirror = 'terraform locals'): string[] {
  const problems: string[] = [];
  for (const [name, expected] of registry) {
    const actual = terraform.get(name);
    if (actual === undefined) problems.push(`${what} ${name} is in shared/registry.ts but not in ${mirror}`);
    else if (!isDeepStrictEqual(actual, expected)) {
      problems.push(`${what} ${name} differs: registry says ${JSON.stringify(expected)}, ${mirror} has ${JSON.stringify(actual)}`);
    }
  }
  for (const name of terraform.keys()) {
    if (!registry.has(name)) problems.push(`${what} ${name} is in ${mirror} but not in shared/registry.ts`);
  }
  return problems;
}

/** True when a for_each walks local.functions, directly or through locals derived from it (of one kind, if given). */
function forEachOverFunctions(tf: Terraform, forEach: Json | undefined, kind?: string): boolean {
  const name = referencedLocal(forEach);
  if (name === undefined) return false;
  if (name === 'functions') return kind === undefined;
  const definition = expandLocal(tf, name);
  return definition.includes('local.functions') && (kind === undefined || definition.includes(`"${kind}"`));
}

function resourcesOf(tf: Terraform, type: string): [string, JsonObject][] {
  return [...(tf.resources.get(type) ?? new Map<string, JsonObject>())];
}

describe('terraform mirrors the function registry', () => {
  let tf: Terraform;

  beforeAll(async () => {
    tf = await loadTerraform();
  });

  it('lists every registry function in terraform locals with the same kind and trigger', () => {
    const registry = new Map<string, Json>(functionRegistry.map((entry) => [entry.name, registryShape(entry)]));
    const terraform = new Map<string, Json>(
      Object.entries(asObject(tf.locals.functions, 'local.functions')).map(([name, value]) => [name, terraformShape(value)]),
    );
    expect(disagreements('function', registry, terraform)).toEqual([]);
  });

  it('lists every registry topic in terraform locals with its dead-letter topic and delivery attempts', () => {
    const registry = new Map<string, Json>(
      topics.map((topic) => [topic.name, { dead_letter_topic: topic.deadLetterTopic, max_delivery_attempts: topic.maxDeliveryAttempts }]),
    );
    const terraform = new Map<string, Json>(Object.entries(asObject(tf.locals.topics, 'local.topics')));
    expect(disagreements('topic', registry, terraform)).toEqual([]);
  });

  it('lists every registry queue in terraform locals with its attempts', () => {
    const registry = new Map<string, Json>(queues.map((queue) => [queue.name, { max_attempts: queue.maxAttempts }]));
    const terraform = new Map<string, Json>(Object.entries(asObject(tf.locals.queues, 'local.queues')));
    expect(disagreements('queue', registry, terraform)).toEqual([]);
  });

  it('creates a Secret Manager secret for every secret a function reads', () => {
    const covered = new Set<string>();
    for (const [name, body] of resourcesOf(tf, 'google_secret_manager_secret')) {
      if (body.for_each === undefined) {
        if (typeof body.secret_id === 'string') covered.add(body.secret_id);
        continue;
      }
      const source = referencedLocal(body.for_each);
      const definition = source === undefined ? undefined : tf.locals[source];
      const derivedFromFunctions = typeof definition === 'string' && definition.includes('local.functions') && definition.includes('.secrets');
      if (!derivedFromFunctions) continue;
      expect([name, body.secret_id]).toEqual([name, expect.stringContaining('each.')]);
      for (const fn of Object.values(asObject(tf.locals.functions, 'local.functions'))) {
        for (const secret of asArray(asObject(fn, 'a local.functions entry').secrets, 'secrets')) {
          if (typeof secret === 'string') covered.add(secret.toLowerCase().replace(/_/g, '-'));
        }
      }
    }
    const missing = functionRegistry
      .flatMap((entry) => entry.secrets.map((secret) => ({ entry: entry.name, secret, id: secret.toLowerCase().replace(/_/g, '-') })))
      .filter(({ id }) => !covered.has(id))
      .map(({ entry, secret, id }) => `${entry} reads ${secret}, but no google_secret_manager_secret creates ${id}`);
    expect(missing).toEqual([]);
  });

  it('builds the functions from local.functions, each with only its own secrets', () => {
    const functions = resourcesOf(tf, 'google_cloudfunctions2_function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [name, body] of functions) {
      const what = `google_cloudfunctions2_function.${name}`;
      expect([what, forEachOverFunctions(tf, body.for_each)]).toEqual([what, true]);
      const service = block(body, 'service_config', what);
      // A static secret block would hand the same secret to every function.
      expect([what, service.secret_environment_variables]).toEqual([what, undefined]);
      const dynamicSecrets = block(asObject(service.dynamic, `${what}.service_config.dynamic`), 'secret_environment_variables', what);
      expect([what, dynamicSecrets.for_each]).toEqual([what, expect.stringContaining('each.value.secrets')]);
    }
  });

  it('builds one push subscription per Pub/Sub function from the locals, each with a dead-letter policy', () => {
    const push = resourcesOf(tf, 'google_pubsub_subscription').filter(([, body]) => body.push_config !== undefined);
    if (functionRegistry.some((entry) => entry.kind === 'pubsub')) expect(push.length).toBeGreaterThan(0);
    for (const [name, body] of push) {
      const what = `google_pubsub_subscription.${name}`;
      expect([what, forEachOverFunctions(tf, body.for_each, 'pubsub')]).toEqual([what, true]);
      const deadLetter = block(body, 'dead_letter_policy', what);
      expect([what, deadLetter.dead_letter_topic !== undefined, deadLetter.max_delivery_attempts !== undefined]).toEqual([what, true, true]);
      expect([what, body.enable_message_ordering ?? false]).toEqual([what, false]);
    }
  });

  it('backs off before a redelivery as the registry says, which the local bus follows', () => {
    const push = resourcesOf(tf, 'google_pubsub_subscription').filter(([, body]) => body.push_config !== undefined);
    expect(push.length).toBeGreaterThan(0);
    for (const [name, body] of push) {
      const retry = block(body, 'retry_policy', `google_pubsub_subscription.${name}`);
      expect([name, retry.minimum_backoff, retry.maximum_backoff]).toEqual([
        name,
        `${pubsubRetryPolicy.minimumBackoffSeconds}s`,
        `${pubsubRetryPolicy.maximumBackoffSeconds}s`,
      ]);
    }
  });

  it('grants publishing to exactly the topics each registry function publishes to', () => {
    const fromRegistry = Object.fromEntries(functionRegistry.filter((e) => e.publishes.length > 0).map((e) => [e.name, [...e.publishes].sort()]));
    const inTerraform = Object.fromEntries(
      Object.entries(tf.locals.publishes === undefined ? {} : asObject(tf.locals.publishes, 'local.publishes')).map(([fn, published]) => [
        fn,
        asArray(published, `local.publishes.${fn}`).map(String).sort(),
      ]),
    );
    expect(inTerraform).toEqual(fromRegistry);
  });

  it('lets anyone invoke exactly the public HTTP functions, and only the pusher invoke subscribers', () => {
    const invokers = resourcesOf(tf, 'google_cloud_run_service_iam_member');
    const forAll = invokers.filter(([, body]) => body.member === 'allUsers');
    if (functionRegistry.some((entry) => entry.kind === 'http' && entry.public)) expect(forAll.length).toBeGreaterThan(0);
    for (const [name, body] of forAll) {
      const what = `google_cloud_run_service_iam_member.${name}`;
      const source = referencedLocal(body.for_each);
      const definition = source === undefined ? '' : expandLocal(tf, source);
      // A public grant built from anything but the registry's `public` flag opens the wrong door.
      expect([what, forEachOverFunctions(tf, body.for_each, 'http'), definition.includes('.public')]).toEqual([what, true, true]);
    }
    const forPusher = invokers.filter(([, body]) => typeof body.member === 'string' && body.member.includes('pubsub_pusher'));
    for (const [name, body] of forPusher) {
      const what = `google_cloud_run_service_iam_member.${name}`;
      expect([what, forEachOverFunctions(tf, body.for_each, 'pubsub')]).toEqual([what, true]);
    }
  });

  it('gives store rights over HTTP only to registry HTTP functions that publish nothing', () => {
    // The signed ingresses must stay off Firestore (docs/architecture.md, section 2); a renamed function must not leave a grant dangling.
    const named = ['http_store_writers', 'http_store_readers'].flatMap((local) =>
      asArray(tf.locals[local] ?? [], `local.${local}`).map((fn) => [local, String(fn)] as const),
    );
    const wrong = named
      .filter(([, fn]) => {
        const entry = functionRegistry.find((e) => e.name === fn);
        return entry === undefined || entry.kind !== 'http' || entry.publishes.length > 0;
      })
      .map(([local, fn]) => `local.${local} names ${fn}, which is not an HTTP function without publishes in shared/registry.ts`);
    expect(wrong).toEqual([]);
  });

  it('names only registry workers, queues and functions in the other hand-kept locals', () => {
    // A name that no longer matches would silently stop keeping a worker off the store, tuning a queue or letting a cancel through.
    const isQueue = (name: string) => queues.some((q) => q.name === name);
    const offStore = asArray(tf.locals.workers_off_store ?? [], 'local.workers_off_store')
      .map(String)
      .filter((fn) => !functionRegistry.some((e) => e.name === fn && e.kind !== 'http'))
      .map((fn) => `local.workers_off_store names ${fn}, which is not a Pub/Sub or task function in shared/registry.ts`);
    const backoff = Object.keys(tf.locals.queue_backoff === undefined ? {} : asObject(tf.locals.queue_backoff, 'local.queue_backoff'))
      .filter((queue) => !isQueue(queue))
      .map((queue) => `local.queue_backoff names ${queue}, which is not a queue in shared/registry.ts`);
    const shopSecrets = (['shop_secret_readers', 'shop_secret_writers'] as const).flatMap((local) =>
      asArray(tf.locals[local] ?? [], `local.${local}`)
        .map(String)
        .filter((fn) => !functionRegistry.some((e) => e.name === fn && (local === 'shop_secret_readers' ? e.kind === 'http' && e.public : e.kind === 'pubsub')))
        .map(
          (fn) => `local.${local} names ${fn}, which is not a ${local === 'shop_secret_readers' ? 'public HTTP' : 'Pub/Sub'} function in shared/registry.ts`,
        ),
    );
    expect([...offStore, ...backoff, ...shopSecrets]).toEqual([]);
  });

  it('grants queue rights from each function’s schedules and cancels, and acting as the tasks invoker only to those that schedule', () => {
    const rights = resourcesOf(tf, 'google_cloud_tasks_queue_iam_member').map(([name, body]) => ({
      name,
      role: body.role,
      from: expandLocal(tf, referencedLocal(body.for_each) ?? ''),
    }));
    expect(rights.map((r) => r.role).sort()).toEqual(['roles/cloudtasks.enqueuer', 'roles/cloudtasks.taskDeleter']);
    for (const right of rights) {
      // Each pair (function, queue) comes from the registry's own field, never from every worker times every queue.
      const field = right.role === 'roles/cloudtasks.enqueuer' ? 'fn.schedules' : 'fn.cancels';
      expect([right.name, right.from.includes('local.functions') && right.from.includes(field)]).toEqual([right.name, true]);
    }
    const actAs = resourcesOf(tf, 'google_service_account_iam_member').filter(([, body]) => String(body.service_account_id).includes('tasks_invoker'));
    expect(actAs).toHaveLength(1);
    for (const [name, body] of actAs)
      expect([name, expandLocal(tf, referencedLocal(body.for_each) ?? '').includes('length(fn.schedules) > 0')]).toEqual([name, true]);
  });

  it('says where every secret the functions read comes from, and of no other', () => {
    const read = [...new Set(functionRegistry.flatMap((e) => e.secrets))].sort();
    expect(Object.keys(asObject(tf.locals.secret_sources, 'local.secret_sources')).sort()).toEqual(read);
    // Every name config reads from the environment is a secret some function is given, or the local bridge's.
    expect(read.every((name) => (secretNames as readonly string[]).includes(name))).toBe(true);
  });

  it('keeps the shops’ secrets in the database the code reads them from', () => {
    const [database] = resourcesOf(tf, 'google_firestore_database').filter(([, body]) => body.name === shopSecretsDatabase);
    expect(database?.[0]).toBe('shop_secrets');
    const firestore = (
      JSON.parse(readFileSync(join(__dirname, '..', '..', 'firebase.json'), 'utf8')) as { firestore: Array<{ database: string; rules: string }> }
    ).firestore;
    expect(firestore.map((f) => f.database).sort()).toEqual(['(default)', shopSecretsDatabase]);
  });

  it('keeps every deployed name short enough for its fn-<name> service account id', () => {
    const tooLong = functionRegistry.map((entry) => `fn-${deployedName(entry)}`).filter((id) => id.length > 30);
    expect(tooLong).toEqual([]);
  });
});

describe('Firebase Hosting reaches the public functions', () => {
  interface Rewrite {
    source?: string;
    run?: { serviceId?: string; region?: string };
  }

  /** `/overlay/auction/:auctionId` -> `/overlay/auction/*`: Hosting matches globs, where `*` is one path segment as `:param` is. */
  function hostingSource(route: string): string {
    return route.replace(/\/:[A-Za-z0-9_]+(?=\/|$)/g, '/*');
  }

  const hosting = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'firebase.json'), 'utf8')) as { hosting: { rewrites?: Rewrite[] } }).hosting;

  it('rewrites every public HTTP route to its own function, in the region terraform deploys to', async () => {
    const variables: JsonObject = await parse('variables.tf', readFileSync(join(terraformDir, 'variables.tf'), 'utf8'));
    const region = asObject(asArray(asObject(variables.variable, 'variable').region, 'variable.region')[0], 'variable.region').default;
    const rewrites = new Map<string, Json>(
      (hosting.rewrites ?? []).filter((r) => r.run).map((r) => [r.source ?? '', { serviceId: r.run?.serviceId ?? null, region: r.run?.region ?? null }]),
    );
    const expected = new Map<string, Json>(
      functionRegistry.flatMap((entry) =>
        entry.kind === 'http' && entry.public
          ? [hostingSource(entry.route), ...(entry.subpaths ? [`${hostingSource(entry.route)}/**`] : [])].map(
              (source) => [source, { serviceId: deployedName(entry), region: region ?? null }] as const,
            )
          : [],
      ),
    );
    expect(disagreements('rewrite', expected, rewrites, 'firebase.json')).toEqual([]);
  });
});
