import { imageRule } from '../src/image-check/image-rule.js';

export const imageUnitMissingPath = imageRule('image-unit-missing-path', 'error', 'WorkingDirectory= or EnvironmentFile= names a path that does not exist after sysusers and tmpfiles ran');
