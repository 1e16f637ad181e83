// Loaded with `node --import` around the CLI by test/hardening/crash-points.test.ts:
// kills the process with SIGKILL at one step of its Nth write, so that a crash
// lands exactly there every time instead of at a random moment.
//   UNITFIX_CRASH_AT=mid-write|before-rename|after-rename   UNITFIX_CRASH_WRITE=N (1-based)
// mid-write: half the bytes of the Nth file written (to whatever the product writes to).
import fs from 'node:fs';

const step = process.env.UNITFIX_CRASH_AT;
const nth = Number(process.env.UNITFIX_CRASH_WRITE ?? '1');
let writes = 0;
const die = () => process.kill(process.pid, 'SIGKILL');

const writeFileSync = fs.writeFileSync;
fs.writeFileSync = function (target, data, ...rest) {
  // Only the rewritten files: the product's own writes of file contents.
  if (step === 'mid-write' && ++writes === nth && typeof data !== 'string') {
    writeFileSync.call(fs, target, data.subarray(0, Math.floor(data.length / 2)), ...rest);
    die();
  }
  return writeFileSync.call(fs, target, data, ...rest);
};

let renames = 0;
const renameSync = fs.renameSync;
fs.renameSync = function (from, to) {
  const n = ++renames;
  if (step === 'before-rename' && n === nth) die();
  renameSync.call(fs, from, to);
  if (step === 'after-rename' && n === nth) die();
};
