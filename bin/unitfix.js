#!/usr/bin/env node
// The CLI is one bundled file (scripts/bundle-cli.js) so that start-up loads as little as possible.
import '../dist/unitfix.js';
