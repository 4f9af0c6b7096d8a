// Copies the Nunito variable font from @fontsource-variable/nunito into web/fonts/, with
// its licence and an @font-face sheet, so every page and OBS overlay shows the same rounded
// letters on Windows, Linux and macOS. The copy is committed (Firebase Hosting serves web/
// as it is); test/unit/web/web-fonts.test.ts fails when it drifts from the installed package.
// Run after upgrading the package: node scripts/site/copy-fonts.mjs
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'node_modules', '@fontsource-variable', 'nunito');
const out = join(root, 'web', 'fonts');

// Upright only, and the scripts names are written in here; others fall back to the system font.
const subsets = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese'];

function fontSheet() {
  const css = readFileSync(join(pkg, 'index.css'), 'utf8');
  const faces = css.split('/* ').filter((block) => subsets.some((s) => block.startsWith(`nunito-${s}-wght-normal */`)));
  const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
  return (
    `/* Nunito (variable, 200–1000), SIL Open Font License 1.1: see LICENSE-nunito.txt.\n   Copied from @fontsource-variable/nunito ${version} by scripts/site/copy-fonts.mjs. */\n` +
    faces
      .map((block) => `/* ${block.replace(/url\(\.\/files\//g, 'url(/fonts/')}`)
      .join('')
      .replace(/\n+$/, '\n')
  );
}

function fontFiles() {
  return [
    ...subsets.map((s) => ({ from: join(pkg, 'files', `nunito-${s}-wght-normal.woff2`), to: join(out, `nunito-${s}-wght-normal.woff2`) })),
    { from: join(pkg, 'LICENSE'), to: join(out, 'LICENSE-nunito.txt') },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    // What the tests run: the committed copy must be the installed package's.
    const stale = fontFiles()
      .filter(({ from, to }) => !existsSync(to) || !readFileSync(from).equals(readFileSync(to)))
      .map(({ to }) => to);
    if (!existsSync(join(out, 'nunito.css')) || readFileSync(join(out, 'nunito.css'), 'utf8') !== fontSheet()) stale.push(join(out, 'nunito.css'));
    if (stale.length) {
      console.error(`web/fonts differs from @fontsource-variable/nunito: ${stale.join(', ')}; run node scripts/site/copy-fonts.mjs`);
      process.exit(1);
    }
    console.log('web/fonts matches the installed package');
  } else {
    mkdirSync(out, { recursive: true });
    for (const { from, to } of fontFiles()) copyFileSync(from, to);
    writeFileSync(join(out, 'nunito.css'), fontSheet());
    console.log(`copied ${fontFiles().length} files and nunito.css into web/fonts/`);
  }
}
