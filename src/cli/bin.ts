import { VERSION } from '../version.js';

/**
 * A reader that goes away (`unitfix lint | head -1`) ends the output, not the
 * run: what is left to print is dropped, the run finishes (a fix still writes
 * its files) and exits with its own status, so a closed pipe neither hides an
 * error nor invents one. stdout and stderr each: `2>&1 | head` closes both.
 */
function dropOutputOnceClosed(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    // The stream is destroyed now: a later write would raise another error.
    stream.write = (() => true) as typeof stream.write;
  });
}
dropOutputOnceClosed(process.stdout);
dropOutputOnceClosed(process.stderr);

// `unitfix --version` needs nothing else: answer before loading the argument parser.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('./main.js');
  await main(process.argv);
}
