// Preloaded into one dynamic-provider host (node --require) to count how often the host calls the
// installed implementation's configure. The real configure still runs; the probe prints one line
// per call to stderr with the Node version and the config keys it was given (never values).
"use strict";
const Module = require("node:module");
const load = Module._load;
let wrapped = false;
Module._load = function (request) {
  const mod = load.apply(this, arguments);
  if (!wrapped && request === "pulumi-msgraph-meetings/impl") {
    wrapped = true;
    const configure = mod.configure;
    mod.configure = function (req) {
      const keys = Object.keys((req && req.config && req.config.rawConfig) || {}).sort();
      process.stderr.write(`probe: configure node=${process.version} keys=${keys.join(",")}\n`);
      return configure.apply(this, arguments);
    };
  }
  return mod;
};
