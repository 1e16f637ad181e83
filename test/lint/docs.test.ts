import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { UNUSED_SUPPRESSION } from '../../src/lint/engine.js';
import { REPO } from '../helpers/cli.js';

/** How a page's Formats line names each format (the words it starts with). */
const PAGE_FORMATS: readonly (readonly [string, string])[] = [
  ['systemd units', 'unit'],
  ['tmpfiles.d', 'tmpfiles'],
  ['sysusers.d', 'sysusers'],
  ['pkg-config', 'pkgconfig'],
  ['udev rules', 'udev-rules'],
  ['D-Bus activation files', 'dbus-service'],
  ['programs and scripts', 'program'],
  ['the package tree', 'tree'],
];

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
    if (rule) expect(rule.docs).toBe(`docs/rules/${id}.md`);
    // Every option a rule declares is documented with each of its values.
    for (const [name, option] of Object.entries(rule?.options ?? {})) {
      expect(page).toContain(`${id}.${name}`);
      for (const value of option.values) expect(page).toContain(`\`${value}\``);
    }
  });

  test.each(ids)('%s: the page says Fixable and Formats as its meta does', (id) => {
    const { meta } = RULES.find((r) => r.meta.id === id)!;
    const page = fs.readFileSync(path.join(REPO, 'docs/rules', `${id}.md`), 'utf8');
    const facts = new Map((page.split('\n').find((l) => l.startsWith('Severity: ')) ?? '').split(' · ').map((part) => [part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 2)]));
    expect({ id, fixable: /^yes\b/.test(facts.get('Fixable') ?? '') }).toEqual({ id, fixable: meta.fixable !== false });
    if (meta.formats.length === 0) {
      // image-check's rules read no file of lint's: the page says who finds them instead.
      expect(facts.get('Found by')).toMatch(/^`unitfix image-check`/);
      return;
    }
    const named = (facts.get('Formats') ?? '').split(', ').map((words) => PAGE_FORMATS.find(([start]) => words.startsWith(start))?.[1] ?? words);
    expect([...new Set(named)].sort()).toEqual([...meta.formats].sort());
  });

  test.each(ids.filter((id) => RULES.find((r) => r.meta.id === id)!.meta.formats.length > 0))('%s: has its RuleTester file, test/rules/<id>.test.ts', (id) => {
    expect(fs.existsSync(path.join(REPO, 'test/rules', `${id}.test.ts`))).toBe(true);
  });
});
