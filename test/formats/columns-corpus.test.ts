import fs from 'node:fs';
import path from 'node:path';
import { parseTmpfiles } from '../../src/formats/tmpfiles/parse.js';
import { printTmpfiles } from '../../src/formats/tmpfiles/print.js';
import { parseSysusers } from '../../src/formats/sysusers/parse.js';
import { printSysusers } from '../../src/formats/sysusers/print.js';
import { corpusDir, corpusFiles, describeIfCorpus } from '../helpers/corpus.js';

describeIfCorpus('Debian corpus: tmpfiles.d and sysusers.d', () => {
  const read = (p: string) => fs.readFileSync(path.join(corpusDir()!, p));

  test('every tmpfiles.d file prints back byte for byte and parses without error', () => {
    const files = corpusFiles(['tmpfiles']);
    expect(files.length).toBeGreaterThan(15);
    const problems: string[] = [];
    let entries = 0;
    for (const f of files) {
      const bytes = read(f.path);
      const parsed = parseTmpfiles(bytes);
      if (!printTmpfiles(parsed).equals(bytes)) problems.push(`${f.path}: does not print back`);
      problems.push(...parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.path}:${d.line}: ${d.message}`));
      entries += parsed.entries.length;
    }
    expect(problems).toEqual([]);
    expect(entries).toBeGreaterThan(80);
  });

  test('every sysusers.d file prints back byte for byte and parses without error', () => {
    const files = corpusFiles(['sysusers']);
    expect(files.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const f of files) {
      const bytes = read(f.path);
      const parsed = parseSysusers(bytes);
      if (!printSysusers(parsed).equals(bytes)) problems.push(`${f.path}: does not print back`);
      problems.push(...parsed.diagnostics.map((d) => `${f.path}:${d.line}: ${d.message}`));
    }
    expect(problems).toEqual([]);
  });
});
