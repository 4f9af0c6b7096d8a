/**
 * `npm run docs:privacy`: writes web/privacy.html and web/terms.html from the table of kept
 * data (shared/privacy). shared/privacy/test/privacy-pages.test.ts compares them with what it makes.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { privacyPages } from '../shared/privacy';

const root = join(__dirname, '..');
// From dist/scripts when run by npm, from scripts/ under jest: the pages are written in the project.
const projectRoot = root.endsWith('dist') ? dirname(root) : root;

for (const [file, html] of Object.entries(privacyPages())) writeFileSync(join(projectRoot, 'web', file), html);
