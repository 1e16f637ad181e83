// Loaded with `node --import` around the CLI: writes the process's own peak resident memory in KiB
// (VmHWM) to $UNITFIX_BENCH_RSS at exit. Not getrusage's maxRSS: Linux carries the peak of the
// process that forked into it across fork and exec, so a child of a large test worker or bench
// driver reports the parent's memory when that is larger.
import fs from 'node:fs';

process.on('exit', () => {
  if (!process.env.UNITFIX_BENCH_RSS) return;
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  fs.writeFileSync(process.env.UNITFIX_BENCH_RSS, /^VmHWM:\s+(\d+) kB$/m.exec(status)[1]);
});
