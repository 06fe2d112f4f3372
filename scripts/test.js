#!/usr/bin/env node
// Runs the mocha suite the way CI does. NODE_EXTRA_CA_CERTS is read only when a Node process starts,
// so the emulator's CA must exist before mocha does: create it first, then start mocha with it
// trusted. Ends with the line CI reads: "N passed, N failed".
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const caDir = process.env.MSGRAPH_TEST_CA_DIR || path.join(root, ".test-tmp", "ca");
const { ensureCa } = require(path.join(root, "dist", "emulator", "tls.js"));
const { caFile } = ensureCa(caDir);

const mocha = path.join(root, "node_modules", "mocha", "bin", "mocha.js");
// Mocha adds .mocharc.json's spec globs to files named on the command line; when files are named,
// run just those (with the same loader and timeout) instead of the whole suite.
const args = process.argv.slice(2);
const namesFiles = args.some((a) => !a.startsWith("-") && /\.test\.ts$/.test(a));
const config = JSON.parse(require("node:fs").readFileSync(path.join(root, ".mocharc.json"), "utf8"));
const mochaArgs = namesFiles
  ? ["--no-config", ...config.require.flatMap((r) => ["--require", r]), "--extension", "ts", "--timeout", String(config.timeout), ...(config.exit ? ["--exit"] : []), ...args]
  : args;
const child = spawn(process.execPath, [mocha, ...mochaArgs], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, MSGRAPH_TEST_CA_DIR: caDir },
});
let tail = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
});
child.on("close", (code, signal) => {
  const passed = Number((/(\d+) passing/.exec(tail) || [0, 0])[1]);
  const failed = Number((/(\d+) failing/.exec(tail) || [0, 0])[1]);
  const pending = Number((/(\d+) pending/.exec(tail) || [0, 0])[1]);
  const crashed = code !== 0 && failed === 0;
  console.log(`${passed} passed, ${crashed ? Math.max(1, failed) : failed} failed${pending ? `, ${pending} skipped` : ""}`);
  process.exit(code ?? (signal ? 1 : 0));
});
