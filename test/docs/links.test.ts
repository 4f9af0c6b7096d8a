import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Every relative link in the README and docs/ leads somewhere: a file that exists and, with a
// #fragment, a heading of that file, slugged as GitHub slugs them.
const root = join(__dirname, '..', '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : path.endsWith('.md') ? [path] : [];
  });
}

/** The text without fenced blocks and code spans: a link or a heading in code is not one. */
const withoutCode = (text: string) => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');

/** GitHub's anchors: lowercase, punctuation other than `-` and `_` dropped, spaces to `-`; a repeat gets `-1`, `-2`… */
export function headingSlugs(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const slugs = new Set<string>();
  const noFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of noFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = (m[1] ?? '').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}

/** What is wrong with each relative link of one file: a missing file, or a missing heading. */
export function brokenLinks(file: string, text: string, read: (path: string) => string | undefined): string[] {
  const problems: string[] = [];
  for (const m of withoutCode(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not ours to check
    const [path = '', fragment] = target.split('#');
    const into = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const where = `${relative(root, file)} -> ${target}`;
    const body = read(into);
    if (body === undefined) {
      problems.push(`${where}: no such file`);
      continue;
    }
    if (fragment !== undefined && into.endsWith('.md') && !headingSlugs(body).has(decodeURIComponent(fragment))) {
      problems.push(`${where}: no heading #${fragment} in ${relative(root, into)}`);
    }
  }
  return problems;
}

const readIfThere = (path: string): string | undefined => (existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined);

describe('links in the README and docs/', () => {
  const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];

  it.each(files.map((f) => [relative(root, f), f]))('%s links only to files and headings that exist', (_name, file) => {
    expect(brokenLinks(file, readFileSync(file, 'utf8'), readIfThere)).toEqual([]);
  });

  it('slugs headings as GitHub does, repeats numbered', () => {
    const slugs = headingSlugs('# C500 Collective\n## Why the playground renders with @skyra/discord-components-core\n### `/c500 help`\n## Money\n## Money\n');
    expect([...slugs]).toEqual(['c500-collective', 'why-the-playground-renders-with-skyradiscord-components-core', 'c500-help', 'money', 'money-1']);
  });

  it('finds a link to a missing file and one to a missing heading', () => {
    const file = join(root, 'docs', 'x.md');
    const pages: Record<string, string> = { [join(root, 'docs', 'y.md')]: '# Here\n' };
    const problems = brokenLinks(file, '[a](y.md#here) [b](y.md#there) [c](z.md) `[d](code.md)` [e](https://example.com)', (p) => pages[p]);
    expect(problems).toEqual(['docs/x.md -> y.md#there: no heading #there in docs/y.md', 'docs/x.md -> z.md: no such file']);
  });
});
