import { fromByteString } from '../../text/bytes.js';
import type { UdevRulesFile } from './model.js';

/** Prints a parsed rules file back: the model keeps the text it was parsed from. */
export const printUdevRules = (file: UdevRulesFile): Buffer => fromByteString(file.text);
