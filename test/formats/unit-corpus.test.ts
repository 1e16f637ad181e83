import fs from 'node:fs';
import path from 'node:path';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { printUnit } from '../../src/formats/unit/print.js';
import { corpusDir, corpusFiles, describeIfCorpus } from '../helpers/corpus.js';

const UNIT_SYNTAX_KINDS = ['unit', 'unit-dropin', 'networkd', 'systemd-conf', 'dbus-system-service', 'dbus-session-service'];

describeIfCorpus('Debian corpus: files in systemd syntax', () => {
  const files = corpusFiles(UNIT_SYNTAX_KINDS);

  test('the corpus has enough units to mean something', () => {
    expect(files.filter((f) => f.kind === 'unit').length).toBeGreaterThan(300);
    expect(files.filter((f) => f.kind === 'unit-dropin').length).toBeGreaterThan(3);
  });

  test('every file prints back byte for byte', () => {
    const dir = corpusDir()!;
    const mismatches: string[] = [];
    for (const entry of files) {
      const bytes = fs.readFileSync(path.join(dir, entry.path));
      if (!printUnit(parseUnit(bytes)).equals(bytes)) mismatches.push(entry.path);
    }
    expect(mismatches).toEqual([]);
  });

  test('no Debian unit has a syntax error', () => {
    const dir = corpusDir()!;
    const errors: string[] = [];
    for (const entry of files.filter((f) => f.kind === 'unit' || f.kind === 'unit-dropin')) {
      const parsed = parseUnit(fs.readFileSync(path.join(dir, entry.path)));
      for (const d of parsed.diagnostics) errors.push(`${entry.path}:${d.line}: ${d.message}`);
    }
    expect(errors).toEqual([]);
  });
});
