import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parsePc, printPc } from '../../src/formats/pkgconfig/parse.js';
import { evaluatePc, pcVariable } from '../../src/formats/pkgconfig/evaluate.js';
import { splitPcArguments, splitRenderedFlags } from '../../src/formats/pkgconfig/argv.js';

/** pkgconf's system directories here (`pkgconf --dump-personality`), which --cflags/--libs leave out. */
function systemDirs(): { include: Set<string>; lib: Set<string> } {
  const out = execFileSync('pkgconf', ['--dump-personality'], { encoding: 'utf8' });
  const list = (key: string) => new Set((new RegExp(`^${key}: (.*)$`, 'm').exec(out)?.[1] ?? '').trim().split(/\s+/));
  return { include: list('SystemIncludePaths'), lib: list('SystemLibraryPaths') };
}
import { corpusDir, describeIfCorpusAndTool } from '../helpers/corpus.js';

interface OracleAnswers {
  exit: Record<string, number>;
  variables: Record<string, string>;
  modversion: string;
  cflags: string;
  libs: string;
}
interface OracleRecord extends OracleAnswers {
  file: string;
  dir: string;
  with_stub_deps: OracleAnswers | null;
}

function records(): OracleRecord[] {
  const dir = corpusDir();
  if (!dir) return [];
  return fs
    .readFileSync(path.join(dir, 'pkgconf-oracle.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OracleRecord);
}

/** The answers pkgconf gave for the file itself: directly, or with stub .pc files for missing dependencies. */
function answers(record: OracleRecord): OracleAnswers | undefined {
  if (record.exit['print_variables'] === 0) return record;
  if (record.with_stub_deps && record.with_stub_deps.exit['print_variables'] === 0) return record.with_stub_deps;
  return undefined;
}

describeIfCorpusAndTool('pkgconf', 'agreement with the real pkgconf on every corpus .pc file', () => {
  const all = records();
  const accepted = all.filter((r) => answers(r));
  const dirs = systemDirs();

  test('the oracle covers the corpus', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(accepted.length).toBe(all.length);
  });

  test.each(accepted.map((r) => [r.file, r] as const))('%s', (_file, record) => {
    const expected = answers(record)!;
    const bytes = fs.readFileSync(path.join(corpusDir()!, record.file));
    const file = parsePc(bytes);
    expect(printPc(file).equals(bytes)).toBe(true);
    const evaluation = evaluatePc(file, { pcfiledir: record.dir });
    const ours: Record<string, string> = {};
    for (const name of Object.keys(expected.variables)) ours[name] = Buffer.from(pcVariable(evaluation, name) ?? '', 'latin1').toString('utf8');
    expect(ours).toEqual(expected.variables);
    expect(new Set(evaluation.variables.keys())).toEqual(new Set(Object.keys(expected.variables)));
    if (expected.exit['modversion'] === 0) expect(evaluation.fields.Version).toBe(expected.modversion);
    expect(evaluation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Flags: pkgconf renders Cflags/Libs after merging, de-duplicating and leaving out system
    // directories; the words it prints must be exactly our words minus system directories, in order
    // once duplicates are set aside.
    for (const [field, answer, exit] of [['Cflags', expected.cflags, expected.exit['cflags']], ['Libs', expected.libs, expected.exit['libs']]] as const) {
      if (exit !== 0) continue;
      const words = (evaluation.fieldValues[field] ?? []).flatMap((v) => splitPcArguments(Buffer.from(v, 'latin1').toString('utf8')) ?? []);
      const kept = words.filter((w) => !(w.startsWith('-I') && dirs.include.has(w.slice(2))) && !(w.startsWith('-L') && dirs.lib.has(w.slice(2))));
      const theirs = new Set(splitRenderedFlags(answer).flatMap((item) => item.split(' ')));
      // With Requires, pkgconf adds the flags of the required packages found beside the file.
      if (evaluation.fields.Requires) expect(kept.filter((w) => !theirs.has(w))).toEqual([]);
      else expect([...theirs].sort()).toEqual([...new Set(kept)].sort());
    }
  });
});
