import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXABLE_FORMATS, formatFolders } from '../../src/formats/registry.js';
import { formatNamed } from '../../src/formats/classify.js';
import { preCommitPattern, withHookFolders, withPreCommitPatterns } from '../../src/formats/format-lists.js';
import { REPO } from '../helpers/cli.js';
import { makeTree, removeTree } from '../helpers/tree.js';
import { describeIfTool } from '../helpers/tools.js';

const HOOK = path.join(REPO, 'nix-hooks/unitfix-hook.sh');
const PRE_COMMIT = path.join(REPO, '.pre-commit-hooks.yaml');

// The setup hook (bash) and the pre-commit hooks (YAML) cannot import the registry: `npm run
// generate` writes its folders and patterns into them, and these tests fail while they differ.
describe('the lists outside TypeScript equal the registry', () => {
  test('the setup hook looks for exactly the folders of the formats fix rewrites (else: npm run generate)', () => {
    const script = fs.readFileSync(HOOK, 'utf8');
    expect(script).toBe(withHookFolders(script));
    const list = /\n_unitfixFormatFolders=\(\n([^)]*)\n\)\n/.exec(script)![1]!;
    expect(list.split(/\s+/).filter(Boolean).map((w) => w.replace(/'/g, ''))).toEqual(FIXABLE_FORMATS.flatMap(formatFolders));
  });

  test('.pre-commit-hooks.yaml has the registry patterns, with templates for lint and without for fix --check (else: npm run generate)', () => {
    const yaml = fs.readFileSync(PRE_COMMIT, 'utf8');
    expect(yaml).toBe(withPreCommitPatterns(yaml));
    const files = [...yaml.matchAll(/^- id: (\S+)[\s\S]*?^ {2}files: '(.*)'$/gm)].map((m) => [m[1], m[2]]);
    expect(files).toEqual([
      ['unitfix-lint', preCommitPattern(true)],
      ['unitfix-fix-check', preCommitPattern(false)],
    ]);
  });
});

/** Paths a package repository has: what pre-commit passes must be what unitfix reads, no more, no less. */
const REPOSITORY_PATHS = [
  'data/foo.service', 'data/foo.service.in', 'foo@.socket', 'units/foo.service.d/override.conf', 'service.d/10-all.conf',
  'lib/systemd/system/multi-user.target.wants/foo.service', 'debian/foo.tmpfiles.conf', 'tmpfiles.d/foo.conf', 'tmpfiles.d/foo.conf.in',
  'sysusers.d/foo.conf', 'data/sysusers-foo.conf.in', 'foo.pc', 'foo.pc.in', 'lib/pkgconfig/foo.pc', 'rules/60-foo-udev.rules',
  'udev/rules.d/60-foo.rules.in', 'share/dbus-1/services/org.example.Foo.service', 'dbus-1/system-services/org.example.Foo.service.in',
  'polkit/50-udev-access.rules', 'polkit-1/rules.d/50-foo.rules', 'sysctl.d/foo.conf', 'modprobe.d/foo.conf', 'foo.conf', 'README',
  'README.in', '.service', 'foo.service.bak', 'foo.service.d/README', 'logrotate.d/foo', 'meson.build', 'foo.pcx', 'tmpfiles.d/sub/foo.conf',
];

describe('the pre-commit patterns', () => {
  test.each(REPOSITORY_PATHS)('match %s exactly when unitfix names its format (templates: lint only)', (file) => {
    expect(new RegExp(preCommitPattern(true)).test(file)).toBe(formatNamed(file) !== undefined);
    expect(new RegExp(preCommitPattern(false)).test(file)).toBe(formatNamed(file, { templates: false }) !== undefined);
  });
});

describeIfTool('python3', 'the pre-commit patterns as pre-commit reads them (Python re.search)', () => {
  test('Python matches the same paths as JavaScript', () => {
    const program = 'import json, re, sys\nargs = json.load(sys.stdin)\nprint(json.dumps([[bool(re.search(p, f)) for f in args["files"]] for p in args["patterns"]]))';
    const run = spawnSync('python3', ['-c', program], { input: JSON.stringify({ patterns: [preCommitPattern(true), preCommitPattern(false)], files: REPOSITORY_PATHS }), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([REPOSITORY_PATHS.map((f) => formatNamed(f) !== undefined), REPOSITORY_PATHS.map((f) => formatNamed(f, { templates: false }) !== undefined)]);
  });
});

describe("the setup hook's folder check, run by bash", () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({ 'bin/unitfix': { exec: true, content: '#!/bin/sh\necho "unitfix $*" >> "$CALLS"\n' } });
    const script = fs.readFileSync(HOOK, 'utf8').replaceAll('@unitfix@', path.join(root, 'bin/unitfix')).replaceAll('@fallbackInputs@', '');
    fs.writeFileSync(path.join(root, 'hook.sh'), script);
  });
  afterAll(() => removeTree(root));

  /** Whether the hook starts unitfix for an output with these folders. */
  const startsUnitfix = (folders: readonly string[]): boolean => {
    const out = fs.mkdtempSync(path.join(root, 'out-'));
    for (const folder of folders) fs.mkdirSync(path.join(out, folder), { recursive: true });
    const calls = path.join(out, '.calls');
    const run = spawnSync('bash', ['-c', 'set -eu; fixupOutputHooks=(); preConfigureHooks=(); source "$1"; prefix=$2; _unitfixFixupOutput', 'hook', path.join(root, 'hook.sh'), out], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], CALLS: calls },
    });
    expect(run.status).toBe(0);
    return fs.existsSync(calls);
  };

  test.each(FIXABLE_FORMATS.flatMap((f) => formatFolders(f).map((folder) => [f.id, folder.replace('*', 'x86_64-linux-gnu')])))('%s: an output with %s is fixed', (_, folder) => {
    expect(startsUnitfix([folder])).toBe(true);
  });

  test('an output with none of them costs no Node start', () => {
    expect(startsUnitfix(['bin', 'share/doc/foo', 'lib/x86_64-linux-gnu', 'lib/systemd/system-preset', 'share/dbus-1/interfaces'])).toBe(false);
  });
});
