/**
 * The command lines the operations pages give an on-call to copy, held to two rules:
 * - every `gcloud logging read` is bounded: a `--limit` on the lines it reads and a window
 *   (`--freshness`, or a `timestamp>=` in its filter). At a show's peak an hour of
 *   `bid.decided` lines is millions: a count read line by line would take longer than the
 *   incident and bill every line read.
 * - a fix that makes a revision (`gcloud run services update`) also gives it the traffic
 *   (`gcloud run services update-traffic <same service> --to-latest` or `--to-revisions`):
 *   the deploy pins each service's traffic to a named revision (docs/operations/deploying.md),
 *   so a revision made by hand otherwise serves nothing, and the fix fixes nothing.
 * - a fix that gives a secret a new version makes the revisions that read it, by hand as above:
 *   not with `npm run deploy`, which makes no revision when only a secret changed (functions
 *   read secrets as `latest` when an instance starts, and the bundles are the same), so warm
 *   instances would keep the old value.
 * Commands are read from fenced sh blocks (a `\` continuation joined) and from inline code
 * spans that start with `gcloud `.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployedName, functionRegistry } from '../../shared/registry';

const operations = join(__dirname, '..', '..', 'docs', 'operations');

/** The snippets of a page an operator copies whole: each fenced shell block, and each inline `gcloud …` span. */
export function commandSnippets(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^ *```(?:sh|bash|shell)\s*\n([\s\S]*?)^ *```\s*$/gm)].map((m) =>
    (m[1] as string)
      .split('\n')
      .filter((line) => !/^\s*#/.test(line))
      .join('\n')
      .replace(/\s*\\\n\s*/g, ' '),
  );
  const withoutBlocks = markdown.replace(/^ *```[\s\S]*?^ *```\s*$/gm, '');
  const spans = [...withoutBlocks.matchAll(/`([^`]+)`/g)]
    .map((m) => (m[1] as string).replace(/\s*\n\s*/g, ' '))
    // The bare name of the command in a sentence is no command line.
    .filter((span) => span.startsWith('gcloud ') && span.trim() !== 'gcloud logging read');
  return [...blocks, ...spans];
}

/** Each command inside a snippet from where `start` occurs to the next pipe, `&&`, `;` or line end. */
function commandsAt(snippet: string, start: RegExp): Array<{ text: string; rest: string }> {
  return [...snippet.matchAll(new RegExp(start.source, 'g'))].map((m) => {
    const from = m.index;
    const tail = snippet.slice(from);
    const end = tail.search(/ \| | && |; |\n/);
    return { text: end === -1 ? tail : tail.slice(0, end), rest: tail.slice(m[0].length) };
  });
}

/** What is wrong with a page's command lines, one readable line each. */
export function commandProblems(page: string, markdown: string): string[] {
  const problems: string[] = [];
  for (const snippet of commandSnippets(markdown)) {
    for (const { text } of commandsAt(snippet, /gcloud logging read /)) {
      if (!/--limit[= ]\d+/.test(text)) problems.push(`${page}: no --limit on \`${text}\``);
      if (!/--freshness[= ]\S+/.test(text) && !/timestamp>=/.test(text)) problems.push(`${page}: no --freshness (nor a timestamp>=) on \`${text}\``);
    }
    for (const { text, rest } of commandsAt(snippet, /gcloud run services update (?!-)/)) {
      const service = /^gcloud run services update (\S+)/.exec(text)?.[1] as string;
      const escaped = service.replace(/[$.*+?^(){}[\]|\\]/g, '\\$&');
      const rolled = new RegExp(`gcloud run services update-traffic ${escaped} [^\\n|;&]*--to-(latest|revisions)`).test(rest);
      if (!rolled) problems.push(`${page}: \`${text}\` makes a revision and no update-traffic ${service} --to-latest (or --to-revisions) follows it`);
    }
    for (const { rest } of commandsAt(snippet, /gcloud secrets versions add /)) {
      const deploy = rest.search(/npm run deploy(?! -- rollback)/);
      const revision = rest.search(/gcloud run services update (?!-)/);
      if (deploy !== -1 && (revision === -1 || revision > deploy))
        problems.push(`${page}: a secret's new version is followed by \`npm run deploy\`, which makes no revision when only a secret changed`);
    }
  }
  return problems;
}

const pages = readdirSync(operations)
  .filter((name) => name.endsWith('.md'))
  .map((name) => [`docs/operations/${name}`, readFileSync(join(operations, name), 'utf8')] as const);

describe('the operations pages’ command lines', () => {
  it('reads command lines from the runbook: its logging reads and its fixes', () => {
    const runbook = commandSnippets(pages.find(([name]) => name.endsWith('runbook.md'))?.[1] ?? '').join('\n');
    expect(runbook.match(/gcloud logging read /g)?.length).toBeGreaterThan(20);
    expect(runbook.match(/gcloud run services update (?!-)/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('bounds every gcloud logging read with a --limit and a window, and rolls traffic to every revision a fix makes', () => {
    expect(pages.flatMap(([name, text]) => commandProblems(name, text))).toEqual([]);
  });

  it('GIVEN an unbounded count, a read without a window, and a fix that leaves its revision without traffic THEN each is found', () => {
    const page = [
      '```sh',
      "total=$(gcloud logging read 'jsonPayload.event=\"bid.decided\"' --freshness=1h --format='value(insertId)' | wc -l)",
      "gcloud logging read 'severity>=ERROR' \\",
      '  --limit=20',
      '```',
      'Then `gcloud run services update stripe-webhook --region $REGION --update-labels=a=1`, and',
      '`gcloud run services update x --region r && gcloud run services update-traffic x --region r --to-latest` is fine.',
    ].join('\n');
    expect(commandProblems('p.md', page)).toEqual([
      "p.md: no --limit on `gcloud logging read 'jsonPayload.event=\"bid.decided\"' --freshness=1h --format='value(insertId)'`",
      "p.md: no --freshness (nor a timestamp>=) on `gcloud logging read 'severity>=ERROR' --limit=20`",
      'p.md: `gcloud run services update stripe-webhook --region $REGION --update-labels=a=1` makes a revision and no update-traffic stripe-webhook --to-latest (or --to-revisions) follows it',
    ]);
  });

  it('GIVEN a secret given a new version and then `npm run deploy` THEN the fix is found to make no revision, and one made by hand is not', () => {
    const bad = ['```sh', 'printf %s "$V" | gcloud secrets versions add upstash-book-shards --data-file=- --project $PROJECT', 'npm run deploy', '```'].join(
      '\n',
    );
    const good = [
      '```sh',
      'printf %s "$V" | gcloud secrets versions add s --data-file=- --project $PROJECT',
      'gcloud run services update x --region r --update-labels=secrets-read=1 && gcloud run services update-traffic x --region r --to-latest',
      'npm run deploy -- rollback',
      '```',
    ].join('\n');
    expect(commandProblems('p.md', bad)).toEqual([
      "p.md: a secret's new version is followed by `npm run deploy`, which makes no revision when only a secret changed",
    ]);
    expect(commandProblems('p.md', good)).toEqual([]);
  });

  it('GIVEN the runbook adds a database to the book THEN it starts a new revision, with the traffic, of exactly the functions that read UPSTASH_BOOK_SHARDS', () => {
    const runbook = pages.find(([name]) => name.endsWith('runbook.md'))?.[1] ?? '';
    const section = runbook.slice(
      runbook.indexOf('## Adding a database to the book'),
      runbook.indexOf('\n## ', runbook.indexOf('## Adding a database to the book') + 1),
    );
    const loop = /for SERVICE in ([a-z0-9 -]+); do\s+gcloud run services update \$SERVICE /.exec(commandSnippets(section).join('\n'));
    const holders = functionRegistry.filter((f) => (f.secrets ?? []).includes('UPSTASH_BOOK_SHARDS')).map(deployedName);
    expect(loop?.[1].trim().split(/\s+/).sort()).toEqual([...holders].sort());
  });

  it('GIVEN the traffic rolled to another service than the one updated THEN the fix is still found wanting', () => {
    const page = '`gcloud run services update a --region r && gcloud run services update-traffic b --region r --to-latest`';
    expect(commandProblems('p.md', page)).toHaveLength(1);
  });
});
