#!/usr/bin/env node
// The one launcher of the repository's scripts (test, demo, bench, faults, azurite): runs a script in a Node
// process that trusts the emulator's CA on top of what the machine already trusts, and whose npm
// children keep the machine's npm configuration.
//
//   node scripts/launch.js [--ca-dir DIR] <script.js|script.ts> [args...]
//
// Why a launcher: NODE_EXTRA_CA_CERTS is read only when a Node process starts, so the CA must exist
// and be named before the script's process does. Two things a naive launcher loses, and this one keeps:
// - the machine's own NODE_EXTRA_CA_CERTS (a TLS-inspecting proxy's CA, a corporate root): the
//   emulator's CA is ADDED to it in one bundle (emulator/trust.ts), never put in its place;
// - the machine's global npm config (`cafile`, proxy, registry): npm reads it from <prefix>/etc/npmrc,
//   where <prefix> follows the node binary running npm, and with Node 22 from node_modules that is a
//   folder without one. The machine's file is looked up once here and passed on as
//   NPM_CONFIG_GLOBALCONFIG, which every npm below reads.
// The CA: --ca-dir, else MSGRAPH_TEST_CA_DIR, else .test-tmp/ca (the suite's own, never the user's).
// JavaScript, unlike the scripts it runs: it is what registers ts-node for them, and runs with plain node before dist/ or a CA exists.
"use strict";
const { execFileSync, spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
let argv = process.argv.slice(2);
let caDirOption;
if (argv[0] === "--ca-dir") {
  caDirOption = argv[1];
  argv = argv.slice(2);
}
const [script, ...args] = argv;
if (!script || (argv.length === 0 && caDirOption === undefined)) {
  console.error("usage: node scripts/launch.js [--ca-dir DIR] <script.js|script.ts> [args...]");
  process.exit(2);
}

function ensureBuilt() {
  try {
    require.resolve("msgraph-emulator"); // the emulator workspace (emulator/), built to emulator/dist
    return;
  } catch {
    // not built yet
  }
  console.error("launch: the build is missing: building the packages (npm run build)");
  require("./build").build();
}

/** PATH without this repository's node_modules/.bin (where Node 22 from the npm registry lives). */
function machinePath() {
  const own = path.join(root, "node_modules", ".bin");
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((p) => p && path.resolve(p) !== own)
    .join(path.delimiter);
}

/**
 * The global npmrc of the machine's own npm (e.g. /usr/etc/npmrc), asked of that npm with the
 * machine's PATH; undefined when npm cannot be asked (then npm's own default stands).
 */
function machineNpmGlobalConfig() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_config_globalconfig$/i.test(k)) env[k] = v;
  env.PATH = machinePath();
  try {
    const out = execFileSync("npm", ["config", "get", "globalconfig"], {
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      shell: process.platform === "win32",
      timeout: 60_000,
    }).trim();
    return out && out !== "undefined" ? out : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @pulumi/pulumi >= 3.249 needs Node 22: the machine's, or the one tools/node22 installs from the npm
 * registry (node_modules/.bin/node) where a package exists for this platform. Neither: say so.
 */
function checkNode22() {
  if (Number(process.versions.node.split(".")[0]) >= 22) return;
  const bin = path.join(root, "node_modules", ".bin");
  if (["node", "node.exe", "node.cmd"].some((f) => fs.existsSync(path.join(bin, f)))) return;
  console.error(
    `launch: Node.js 22 or newer is needed (@pulumi/pulumi >= 3.249 declares engines.node >= 22); this is ${process.version}, ` +
      `and the npm registry has no Node 22 package for ${process.platform}-${process.arch} (tools/node22 lists those it has). ` +
      `Install Node.js 22 (nodejs.org, nvm, your package manager), put it first on PATH, and run again.`,
  );
  process.exit(1);
}

checkNode22();
ensureBuilt();
const { ensureCa, trustBundle } = require("msgraph-emulator");
const caDir = path.resolve(caDirOption || process.env.MSGRAPH_TEST_CA_DIR || path.join(root, ".test-tmp", "ca"));
const { caFile } = ensureCa(caDir);

const env = { ...process.env, MSGRAPH_TEST_CA_DIR: caDir, NODE_EXTRA_CA_CERTS: trustBundle(caFile) };
const globalconfig = machineNpmGlobalConfig();
if (globalconfig) {
  for (const k of Object.keys(env)) if (/^npm_config_globalconfig$/i.test(k)) delete env[k];
  env.NPM_CONFIG_GLOBALCONFIG = globalconfig;
}

const nodeArgs = /\.ts$/.test(script) ? ["--require", "ts-node/register/transpile-only"] : [];
if (nodeArgs.length) env.TS_NODE_PROJECT = env.TS_NODE_PROJECT || path.join(root, "tsconfig.json");
const child = spawn(process.execPath, [...nodeArgs, path.resolve(script), ...args], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
