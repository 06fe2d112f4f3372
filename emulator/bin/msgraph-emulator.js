#!/usr/bin/env node
// The msgraph-emulator command. A committed file, so npm links it at install time, before the
// TypeScript is built (in this repository `npm ci` builds it in the root's prepare step).
"use strict";
require("../dist/cli.js");
