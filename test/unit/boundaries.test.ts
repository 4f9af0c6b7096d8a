import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { longFunctions } from '../support/function-lengths';
import { orderWritesIn } from '../support/order-writes';
import { capabilityModules, codeFiles, cyclesIn, importGraph, moduleOf, resolveImport, runtimeImports, sourceImports } from '../support/module-graph';

// The layout's rules, checked on the source. Each capability is a module (`shared/<name>/`)
// with its rules, use cases, routes and tests inside, and one public face, its `index.ts`.
// Modules reach each other only through faces and never in a circle; rules are pure; use
// cases reach the world only through ports; functions/ may import shared/, never the reverse.
const root = join(__dirname, '..', '..');
const source = codeFiles(['shared', 'functions', 'scripts']).filter((f) => !f.includes('/test/'));
const lineCount = (file: string) => readFileSync(join(root, file), 'utf8').split('\n').length;

describe('the layout’s boundaries', () => {
  // A stand-in (the embedded store, the in-process bus, the local Stripe…) lives in shared/local/,
  // named for the system it stands in for: shared/adapters/ is what production deploys.
  it('keeps shared/adapters/ for production adapters: no stand-in lives there, and none of them imports one', () => {
    const adapters = codeFiles(['shared/adapters']).filter((f) => !f.includes('/test/'));
    const standIns = adapters.filter((f) => /\/(local|in-memory|fake)-[^/]*$/.test(f));
    const reachingLocal = adapters.flatMap((f) =>
      sourceImports(f)
        .filter((i) => i.target?.startsWith('shared/local/'))
        .map((i) => `${f} -> ${i.spec}`),
    );
    expect([...standIns, ...reachingLocal]).toEqual([]);
  });

  it('keeps shared/ from importing functions/', () => {
    const offenders = source
      .filter((f) => f.startsWith('shared/'))
      .flatMap((f) =>
        sourceImports(f)
          .filter((i) => i.target?.startsWith('functions/'))
          .map((i) => `${f} -> ${i.spec}`),
      );
    expect(offenders).toEqual([]);
  });

  // The router alone also reads each module's routes.ts: what a module answers at the ingress,
  // without the rest of its face (the Discord ingress's cold start loads only routes).
  it('lets a module be reached from outside only through its index.ts, and its routes.ts by the router', () => {
    const offenders = codeFiles(['shared', 'functions', 'scripts', 'web'])
      .filter((f) => !f.includes('/test/'))
      .flatMap((f) =>
        sourceImports(f)
          .filter((i) => {
            const into = i.target && moduleOf(i.target);
            if (into === undefined || into === moduleOf(f) || i.target === `shared/${into}/index.ts`) return false;
            return !(f.startsWith('shared/router/') && i.target === `shared/${into}/routes.ts`);
          })
          .map((i) => `${f} -> ${i.spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('never has a module import its own face: a face is for the others, and would make a circle', () => {
    const offenders = source.flatMap((f) => {
      const own = moduleOf(f);
      return sourceImports(f)
        .filter((i) => own && f !== `shared/${own}/index.ts` && i.target === `shared/${own}/index.ts`)
        .map((i) => `${f} -> ${i.spec}`);
    });
    expect(offenders).toEqual([]);
  });

  it('has no circle between modules, type imports included', () => {
    const edges = new Map<string, Set<string>>(capabilityModules.map((m) => [m, new Set<string>()]));
    for (const f of source) {
      const from = moduleOf(f);
      if (!from) continue;
      for (const i of sourceImports(f)) {
        const to = i.target && moduleOf(i.target);
        if (to && to !== from) edges.get(from)?.add(to);
      }
    }
    expect(cyclesIn(edges)).toEqual([]);
  });

  it('has no circle between files, type imports and lazy requires included', () => {
    expect(cyclesIn(importGraph(source))).toEqual([]);
  });

  // The order's one writer checks every move against its state machine (shared/orders/rules/order-moves.ts):
  // a write anywhere else would skip it. Found by the path's type, so a variable or helper holding one counts too.
  describe('lets only the orders module write an order', () => {
    it('finds no write of an order outside shared/orders/', () => {
      expect(orderWritesIn(source.filter((f) => !f.startsWith('shared/orders/')))).toEqual([]);
    });

    it('finds each planted write, whether by orderPath, a variable or a helper', () => {
      expect(orderWritesIn(['test/fixtures/orders/planted-order-writes.ts']).map((w) => w.split('  ')[1])).toEqual([
        "tx.update(orderPath('o1'), { status: 'paid' })",
        "store.set(kept, { status: 'shipped' }, { merge: true })",
        "tx.delete(pathOf('o3'))",
      ]);
    });

    it('finds the orders module’s own writes, so the finder reads the source it is pointed at', () => {
      expect(orderWritesIn(['shared/orders/use-cases/write-order.ts']).length).toBeGreaterThanOrEqual(3);
    });
  });

  it('keeps every module’s rules pure: what they load, statically, holds no adapter, SDK or Node I/O', () => {
    // Hashing is computation, not I/O: deterministic ids and signed OAuth state need it.
    const offenders = source
      .filter((f) => /^shared\/[a-z-]+\/rules\//.test(f))
      .flatMap((f) =>
        reachedStatically(f)
          .filter((r) => /^shared\/(adapters|local|triggers)\//.test(r) || (r.startsWith('package:') && r !== 'package:node:crypto'))
          .map((r) => `${f} reaches ${r}`),
      );
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('keeps use cases off adapters and SDKs: they get ports', () => {
    const offenders = source
      .filter((f) => /^shared\/[a-z-]+\/use-cases\//.test(f))
      .flatMap((f) =>
        runtimeImports(f)
          .filter((s) => (!s.startsWith('.') && s !== 'node:crypto') || /^shared\/(adapters|local|triggers)\//.test(resolveImport(f, s) ?? ''))
          .map((s) => `${f} -> ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps the Discord ingress off every use case: it routes, and the faces load use cases only when called', () => {
    const reached = reachedStatically('functions/discord-interactions.ts');
    expect(reached.filter((f) => /^shared\/[a-z-]+\/use-cases\//.test(f) && !/^shared\/(common|discord)\//.test(f))).toEqual([]);
  });

  it('keeps every file under shared/ within 400 lines, but the registry’s table', () => {
    const long = codeFiles(['shared'])
      .filter((f) => f !== 'shared/registry.ts')
      .map((f) => [f, lineCount(f)] as const)
      .filter(([, lines]) => lines > 400);
    expect(long).toEqual([]);
  });

  it('keeps every function within 100 lines: the product’s, the scripts’ and the tests’ (a suite’s describe body is a list of tests, each counted)', () => {
    expect(longFunctions(codeFiles(['shared', 'functions', 'scripts', 'test']), 100)).toEqual([]);
  });

  it('keeps every function entry small: a dozen lines of work, not business rules', () => {
    const long = codeFiles(['functions'])
      .map(
        (f) =>
          [
            f,
            readFileSync(join(root, f), 'utf8')
              .split('\n')
              .filter((l) => l.trim() && !/^\s*(\*|\/\*\*|\/\/|import )/.test(l)).length,
          ] as const,
      )
      .filter(([, lines]) => lines > 30);
    expect(long).toEqual([]);
  });
});

/** Every file of ours (and `package:<name>`) a file loads when it is loaded: static value imports only. */
function reachedStatically(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file, { dynamic: false })) {
      if (!spec.startsWith('.')) seen.add(`package:${spec}`);
      else {
        const target = resolveImport(file, spec);
        if (target) visit(target);
      }
    }
  };
  visit(entry);
  seen.delete(entry);
  return [...seen].sort();
}
