// Loaded with `node --import` around the CLI: reports the process's peak memory.
import fs from 'node:fs';

process.on('exit', () => {
  if (process.env.UNITFIX_BENCH_RSS) fs.writeFileSync(process.env.UNITFIX_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
