import { imageRule } from '../src/image-check/image-rule.js';

export const imageConditionNeverMet = imageRule('image-condition-never-met', 'info', 'A ConditionPathExists= path that does not exist in the built image: the unit is always skipped');
