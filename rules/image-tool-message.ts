import { imageRule } from '../src/image-check/image-rule.js';

export const imageToolMessage = imageRule('image-tool-message', 'warning', 'A message of systemd-sysusers, systemd-tmpfiles, systemctl or systemd-analyze about the closure');
