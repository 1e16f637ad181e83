import fs from 'node:fs';

/**
 * Whether paths exist, each asked of the file system once: the planners
 * that decide whether a finding is fixable and the resolver ask about the
 * same few folders of an output for every file in it (a .pc file's
 * lib/ and include/, a tmpfiles.d source). For one run: a path created
 * after it was asked about still reads as missing.
 */
export class ExistenceCache {
  private readonly known = new Map<string, boolean>();

  exists(file: string): boolean {
    let answer = this.known.get(file);
    if (answer === undefined) {
      // No exception for a missing path: most candidates are missing. Anything else (ENOTDIR, EACCES) means "not here" too.
      try {
        answer = fs.statSync(file, { throwIfNoEntry: false }) !== undefined;
      } catch {
        answer = false;
      }
      this.known.set(file, answer);
    }
    return answer;
  }
}
