import { imageRule } from '../src/image-check/image-rule.js';

export const imageUnitUnknownUser = imageRule('image-unit-unknown-user', 'error', 'User=, Group=, SocketUser= or SocketGroup= names a user or group that nobody creates');
