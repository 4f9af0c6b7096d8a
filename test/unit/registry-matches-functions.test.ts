import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { functionRegistry, topics } from '../../shared/registry';

const infrastructure = new Set(['index.ts', 'catalog.ts']);

describe('the function registry', () => {
  it('names a factory that its module exports, for every entry', () => {
    for (const entry of functionRegistry) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(__dirname, '..', '..', 'functions', entry.module)) as Record<string, unknown>;
      expect({ [entry.name]: typeof mod[entry.name] }).toEqual({ [entry.name]: 'function' });
    }
  });

  it('lists every function file, so none is deployed by accident or forgotten', () => {
    const files = readdirSync(join(__dirname, '..', '..', 'functions')).filter((f) => f.endsWith('.ts') && !infrastructure.has(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(functionRegistry.map((e) => e.module).sort());
  });

  it('subscribes pubsub functions only to topics it declares, each with a dead-letter topic', () => {
    for (const entry of functionRegistry) {
      if (entry.kind !== 'pubsub') continue;
      const topic = topics.find((t) => t.name === entry.topic);
      expect(topic?.deadLetterTopic).toMatch(/-dead-letter$/);
    }
  });
});
