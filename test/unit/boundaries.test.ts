import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runtimeImports } from '../support/module-graph';

// The layout's rules, checked on the source: functions/ may import shared/, never the
// reverse; shared/domain is pure; use cases reach the world only through ports.
const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const resolvesInto = (file: string, spec: string, folder: string) => spec.startsWith('.') && relative(root, join(root, file, '..', spec)).startsWith(folder);

describe('the layout’s boundaries', () => {
  it('keeps shared/ from importing functions/', () => {
    const offenders = sources('shared').flatMap((f) =>
      runtimeImports(f)
        .filter((s) => resolvesInto(f, s, 'functions'))
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps shared/domain free of I/O: no adapters, SDKs or Node I/O modules', () => {
    // Hashing is computation, not I/O: deterministic ids and signed OAuth state need it.
    const allowedPackages: string[] = ['node:crypto'];
    const offenders = sources('shared/domain').flatMap((f) =>
      runtimeImports(f)
        .filter((s) => (s.startsWith('.') ? !resolvesInto(f, s, 'shared/domain') && !/\/(ports|registry)$/.test(s) : !allowedPackages.includes(s)))
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps use cases in shared/app off adapters and SDKs: they get ports', () => {
    const offenders = sources('shared/app').flatMap((f) =>
      runtimeImports(f)
        .filter((s) => (!s.startsWith('.') && s !== 'node:crypto') || resolvesInto(f, s, 'shared/adapters') || resolvesInto(f, s, 'shared/local'))
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps every function entry small: a dozen lines of work, not business rules', () => {
    const long = sources('functions')
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
