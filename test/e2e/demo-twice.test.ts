/**
 * `npm run demo` twice against one runtime and its data, as someone trying C500 does: the
 * second run finds its builders onboarded, Twitch linked, a guild set up, the first run's
 * auction, race and show over, and its sales recorded, and still tells the whole story.
 * Slow (each run waits out real auction clocks, about a minute), so it is one test.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

/** The demo prints in bold and dim: ANSI escapes, which the checks below read past. */
const colours = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The demo as `npm run demo` runs it (dist/ is kept fresh by jest's global setup), pointed at this runtime. */
function runDemo(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const demo = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'scripts', 'demo.js')], {
      env: { ...process.env, PORT: new URL(rt.url).port, C500_DATA_DIR: rt.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    demo.on('error', reject);
    demo.on('close', (code) => resolve({ code, output: output.replace(colours, '') }));
  });
}

/** What a run must show to have told the whole story. */
const story = [
  'Using the local runtime already running on http://127.0.0.1',
  'is set up. Hangouts go to',
  'Receipt: Lavender 65%',
  // The delivery gate: the proof sends nothing; bo's Received sends cleo's payout, and the carrier's delivered scan the show's.
  'on the workbench; buyer notified; your payout leaves once it is delivered',
  '$228.00 released to cleo when bo pressed Received.',
  'Packing slip to print:',
  'is marked received',
  'Proof of work: https://clips.twitch.tv/',
  'sent back to cleo (dispute-return)',
  '**Second chance!**',
  '4 deliveries, 3 sales on the pot',
  'You can’t pay <@820000000000000001> $10.00',
  '2 of 3 lots sold for $120.00',
  '$124.00 transferred + $12.00 platform fee = $136.00, the charge, to the cent',
  'Open your dashboard as cleo, the demo’s builder',
  '/dashboard/builder?user_id=800000000000000003&username=cleo_builds',
];

it('runs the whole demo twice against the same runtime, the second time finding the builders onboarded', async () => {
  const first = await runDemo();
  expect({ code: first.code, missing: story.filter((line) => !first.output.includes(line)) }).toEqual({ code: 0, missing: [] });

  const second = await runDemo();
  expect({ code: second.code, tail: second.code === 0 ? '' : second.output.slice(-2_000) }).toEqual({ code: 0, tail: '' });
  expect(story.filter((line) => !second.output.includes(line))).toEqual([]);
  expect(second.output).toContain('cleo onboarded in an earlier run of the demo');
  expect(second.output).toContain('dax and ana onboarded in an earlier run of the demo');
}, 360_000);
