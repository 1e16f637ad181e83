import { imageRule } from '../src/image-check/image-rule.js';

export const imageTmpfilesUnknownOwner = imageRule('image-tmpfiles-unknown-owner', 'error', 'A tmpfiles.d line names a user or group that no sysusers.d file in the closure creates');
