/**
 * One Node major everywhere: the runtime Google runs the functions on (terraform), the engines
 * package.json declares, and the Node `npm test`, `npm start` and CI run on (the `node` dev
 * dependency, which npm scripts put first on PATH).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTerraform } from '../support/terraform';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

describe('the Node runtime', () => {
  it('is the same major in production, in package.json and under the tests', async () => {
    const tf = await loadTerraform();
    const deployed = /^nodejs(\d+)$/.exec(String(tf.locals.node_runtime))?.[1];
    expect(deployed).toBeDefined();
    expect(pkg.engines.node).toBe(`${deployed}.x`);
    expect(pkg.devDependencies.node?.split('.')[0]).toBe(deployed);
    expect(process.versions.node.split('.')[0]).toBe(deployed);
  });

  it('is one Google still accepts for new deployments (nodejs20 was decommissioned on 2026-10-30)', async () => {
    const tf = await loadTerraform();
    expect(['nodejs22', 'nodejs24']).toContain(tf.locals.node_runtime);
  });
});
