import { VERSION } from '../version.js';

// A reader that goes away (`unitfix … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// `unitfix --version` needs nothing else: answer before loading the argument parser.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('./main.js');
  await main(process.argv);
}
