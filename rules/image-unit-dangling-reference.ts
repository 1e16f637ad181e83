import { imageRule } from '../src/image-check/image-rule.js';

export const imageUnitDanglingReference = imageRule('image-unit-dangling-reference', 'warning', 'WantedBy=, RequiredBy=, Requires= or Also= names a unit that is not in the closure');
