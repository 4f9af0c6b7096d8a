/**
 * What the log writes while something runs, at every level: the raw text (to look for what
 * must not be in it) and the lines as parsed.
 */
export interface Logged {
  text: string;
  lines: Array<Record<string, unknown>>;
}

export async function logLinesOf(run: () => unknown): Promise<Logged> {
  const chunks: string[] = [];
  const level = process.env.C500_LOG_LEVEL;
  process.env.C500_LOG_LEVEL = 'debug';
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run();
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env.C500_LOG_LEVEL = level;
  }
  const text = chunks.join('');
  const lines = text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { text, lines };
}
