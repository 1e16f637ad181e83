import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { UNUSED_SUPPRESSION } from '../../src/lint/engine.js';
import { REPO } from '../helpers/cli.js';

/** The rule index, the rule modules and the docs pages must agree: none may drift from the others. */
describe('rules, their modules and their pages agree', () => {
  const ids = RULES.map((r) => r.meta.id);
  const modules = fs.readdirSync(path.join(REPO, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));
  const pages = fs.readdirSync(path.join(REPO, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));

  test('the index is sorted and has no duplicates', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  test('every module is in the index, under its own file name', () => {
    expect([...modules].sort()).toEqual(ids);
  });

  test('every rule (and the engine rule unused-suppression) has a page, and every page a rule', () => {
    expect([...pages].sort()).toEqual([...ids, UNUSED_SUPPRESSION].sort());
  });

  test.each([...ids, UNUSED_SUPPRESSION])('%s: the page has its title and every section', (id) => {
    const page = fs.readFileSync(path.join(REPO, 'docs/rules', `${id}.md`), 'utf8');
    expect(page.split('\n')[0]).toBe(`# ${id}`);
    for (const section of ['## What it catches', '## Why it matters on a hermetic-/usr system', '## Bad', '## Good', '## How to fix it in a derivation', '## Turning it off']) {
      expect(page).toContain(section);
    }
    const rule = RULES.find((r) => r.meta.id === id)?.meta;
    if (rule) expect(page).toMatch(new RegExp(`Severity: ${rule.severity}`, 'i'));
    // Every option a rule declares is documented with each of its values.
    for (const [name, option] of Object.entries(rule?.options ?? {})) {
      expect(page).toContain(`${id}.${name}`);
      for (const value of option.values) expect(page).toContain(`\`${value}\``);
    }
  });
});
