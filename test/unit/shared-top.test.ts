/**
 * shared/'s top holds the modules and a few loose files every module reads (the platform's
 * port, the registry, errors, limits); the rest is grouped (config/, log/), so a newcomer sees
 * the capabilities, not a drawer of odds and ends.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const top = join(__dirname, '..', '..', 'shared');

describe("shared/'s top", () => {
  it('holds at most 12 loose files', () => {
    const loose = readdirSync(top, { withFileTypes: true }).filter((entry) => entry.isFile());
    expect(loose.map((entry) => entry.name).length).toBeLessThanOrEqual(12);
  });
});
