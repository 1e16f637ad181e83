/**
 * A mistake in how unitfix was called — a bad option, setting or config file —
 * as opposed to a problem in the files it reads. One line that says what to
 * do; the CLI prints it and exits 2. The library's own errors of that kind
 * (ConfigError, ImageCheckError) are UsageErrors too.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
