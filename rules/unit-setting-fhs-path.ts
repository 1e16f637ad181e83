import fs from 'node:fs';
import path from 'node:path';
import { displayText } from '../src/text/bytes.js';
import { extractWord } from '../src/text/extract-word.js';
import { fhsFileRelative } from '../src/resolve/fhs-path.js';
import { valuePosition } from '../src/lint/positions.js';
import { readAssignments } from '../src/lint/unit-walk.js';
import type { Rule } from '../src/lint/types.js';

/**
 * Settings that name files the service reads (systemd.exec(5), systemd.unit(5),
 * systemd.service(5), systemd.socket(5), systemd.path(5)), and how to take the
 * path out of each word: prefixes to drop, and for BindPaths= and
 * LoadCredential= which part is the source.
 */
const PATH_SETTINGS: Readonly<Record<string, { prefixes: string; part?: 'before-colon' | 'after-colon'; scheme?: string }>> = {
  EnvironmentFile: { prefixes: '-' },
  WorkingDirectory: { prefixes: '-' },
  RootDirectory: { prefixes: '' },
  RootImage: { prefixes: '' },
  ReadOnlyPaths: { prefixes: '-+' },
  ReadWritePaths: { prefixes: '-+' },
  InaccessiblePaths: { prefixes: '-+' },
  ExecPaths: { prefixes: '-+' },
  NoExecPaths: { prefixes: '-+' },
  BindPaths: { prefixes: '-', part: 'before-colon' },
  BindReadOnlyPaths: { prefixes: '-', part: 'before-colon' },
  LoadCredential: { prefixes: '', part: 'after-colon' },
  PIDFile: { prefixes: '' },
  StandardInput: { prefixes: '', scheme: 'file:' },
  StandardOutput: { prefixes: '', scheme: 'file:' },
  StandardError: { prefixes: '', scheme: 'file:' },
  RequiresMountsFor: { prefixes: '' },
  ListenFIFO: { prefixes: '' },
  PathExists: { prefixes: '' },
  PathExistsGlob: { prefixes: '' },
  PathChanged: { prefixes: '' },
  PathModified: { prefixes: '' },
  DirectoryNotEmpty: { prefixes: '' },
};
const CONDITION = /^(Condition|Assert)(Path\w*|DirectoryNotEmpty|FileNotEmpty|FileIsExecutable|NeedsUpdate)$/;

function pathsOf(key: string, value: string): { path: string; offset: number }[] {
  const spec = PATH_SETTINGS[key] ?? (CONDITION.test(key) ? { prefixes: '!|' } : undefined);
  if (!spec) return [];
  const found: { path: string; offset: number }[] = [];
  let pos = 0;
  for (;;) {
    const result = extractWord(value, pos);
    if (!result || 'error' in result) break;
    pos = result.next;
    let word = result.word.value;
    let offset = result.word.start;
    while (word !== '' && spec.prefixes.includes(word[0]!)) {
      word = word.slice(1);
      offset++;
    }
    if (spec.scheme) {
      const scheme = ['file:', 'append:', 'truncate:'].find((s) => word.startsWith(s));
      if (!scheme) continue;
      word = word.slice(scheme.length);
      offset += scheme.length;
    }
    if (spec.part === 'before-colon') word = word.split(':')[0]!;
    if (spec.part === 'after-colon') {
      const colon = word.indexOf(':');
      if (colon < 0) continue;
      word = word.slice(colon + 1);
      offset += colon + 1;
    }
    found.push({ path: displayText(word), offset });
  }
  return found;
}

export const unitSettingFhsPath: Rule = {
  id: 'unit-setting-fhs-path',
  description: 'A unit setting reads a path under /usr, or config under /etc that the package ships itself',
  severity: 'warning',
  fixable: false,
  appliesTo: ['unit'],
  checkFile(file, context) {
    // Most store paths ship no etc/: the walk's top-level names spare a look-up per /etc setting.
    const shipsEtc = context.topLevel?.has('etc') ?? true;
    for (const node of readAssignments(file.unit!, file.path)) {
      for (const found of pathsOf(node.key, node.rawValue)) {
        const p = found.path;
        if (p.includes('%')) continue;
        const position = valuePosition(file.unit!, node, found.offset);
        if (fhsFileRelative(p) !== undefined) {
          context.report({ ...position, message: `${node.key}= names ${p}, which a hermetic-/usr system does not have` });
        } else if (p.startsWith('/etc/') && shipsEtc && fs.existsSync(path.join(file.root, p))) {
          context.report({ ...position, message: `${node.key}= names ${p}, which the package ships in its own etc/: read it from the store path instead` });
        }
      }
    }
  },
};
