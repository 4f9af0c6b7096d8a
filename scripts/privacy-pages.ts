/**
 * `npm run docs:privacy`: writes web/privacy.html and web/terms.html from the table of kept
 * data (shared/privacy), naming the local placeholders for the controller and contact (a
 * deployment's own are written into Hosting's copy by `npm run hosting:config`).
 * shared/privacy/test/privacy-pages.test.ts compares them with what it makes.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localDataController } from '../shared/config';
import { privacyPages } from '../shared/privacy';

const root = join(__dirname, '..');
// From dist/scripts when run by npm, from scripts/ under jest: the pages are written in the project.
const projectRoot = root.endsWith('dist') ? dirname(root) : root;

for (const [file, html] of Object.entries(privacyPages(localDataController))) writeFileSync(join(projectRoot, 'web', file), html);
