import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README is the front page: read in five minutes, everything else one link away in docs/.
const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('the README', () => {
  it('is at most 200 lines', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });

  it('shows the two commands and the playground’s address', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    expect(readme).toContain('http://127.0.0.1:8080/_local/play');
  });
});
