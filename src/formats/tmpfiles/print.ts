import { printNodes } from '../column-file.js';
import type { TmpfilesFile } from './model.js';

/** Prints a parsed tmpfiles.d file back: the concatenation of its lines. */
export const printTmpfiles = (file: TmpfilesFile): Buffer => printNodes(file);
