import fs from 'node:fs';
import { VERSION } from '../src/version.js';

test('src/version.ts matches package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  expect(VERSION).toBe(pkg.version);
});
