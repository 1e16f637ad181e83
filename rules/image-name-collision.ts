import { imageRule } from '../src/image-check/image-rule.js';

export const imageNameCollision = imageRule('image-name-collision', 'error', 'Two store paths, or an alias and a unit, claim the same name in the image');
