// `npm start`: runs unitfix on a copy of the bundled example package
// (examples/hello-daemon, laid out like a store output with a dependency),
// the way the setup hook does after a build, and shows what changed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(repo, 'bin/unitfix.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-demo-'));
fs.cpSync(path.join(repo, 'examples/hello-daemon'), work, { recursive: true });
const out = path.join(work, 'out');
const env = { ...process.env, HOST_PATH: path.join(work, 'deps/coreutils/bin') };

/** The example's folder as $EXAMPLE, also inside diff headers (a/tmp/… is a/$EXAMPLE/…). */
const shown = (text) => text.replaceAll(`a${work}`, 'a/$EXAMPLE').replaceAll(`b${work}`, 'b/$EXAMPLE').replaceAll(work, '$EXAMPLE');

function run(title, args) {
  console.log(`\n$ unitfix ${args.join(' ').replaceAll(work, '$EXAMPLE')}   # ${title}`);
  const result = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  process.stdout.write(shown(result.stdout));
  process.stdout.write(shown(result.stderr));
  return result.status;
}

console.log(`Example package copied to ${work} ($EXAMPLE): units in $EXAMPLE/out, a dependency on HOST_PATH.`);
run('what would change', ['fix', '--host', '--dry-run', out]);
run('fix it, as the setup hook does', ['fix', '--host', out]);
const status = run('nothing left to change', ['fix', '--host', '--check', out]);
console.log(`\n--check exit status: ${status} (0: nothing left to rewrite; the warnings above are what no output or dependency provides)`);
const lint = run('what is left for a person to fix', ['lint', out]);
console.log(`lint exit status: ${lint} (1: an error-level finding is left)`);
console.log('\n$ unitfix inspect $EXAMPLE/out/lib/systemd/system/hello-daemon.service');
process.stdout.write(execFileSync(process.execPath, [bin, 'inspect', path.join(out, 'lib/systemd/system/hello-daemon.service')], { encoding: 'utf8' }).replaceAll(work, '$EXAMPLE'));
// Kept, so that what was fixed can be looked at and the commands run again by hand.
console.log(`\nThe fixed example is kept in ${work}. To start over from the original and run the commands yourself:`);
console.log(`  EXAMPLE=$(mktemp -d) && cp -r examples/hello-daemon/. "$EXAMPLE" && export HOST_PATH="$EXAMPLE/deps/coreutils/bin"`);
console.log('  npx unitfix fix --host --dry-run "$EXAMPLE/out"');
console.log('(`npx unitfix` runs this clone\'s CLI; README.md, "Getting the unitfix command", puts it on PATH.)');
