// A Python virtual environment for tests, made from PyPI once and reused: it lives under
// .test-tmp/python/<name>-<hash of the requirements and the interpreter>, and pip's own cache (the
// user cache dir) makes a fresh clone's first run fast too. Needs Python 3.9+ with venv and pip
// (MSGRAPH_TEST_PYTHON names the interpreter; else python3.11, python3, python).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { TEST_TMP } from "./paths";

function basePython(): { exe: string; version: string } {
  const candidates = process.env.MSGRAPH_TEST_PYTHON ? [process.env.MSGRAPH_TEST_PYTHON] : ["python3.11", "python3", "python"];
  for (const exe of candidates) {
    try {
      const version = execFileSync(exe, ["-c", "import sys, venv; print('%d.%d.%d' % sys.version_info[:3])"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      const [major, minor] = version.split(".").map(Number);
      if (major === 3 && minor >= 9) return { exe, version };
    } catch {
      // not installed, or no venv module: try the next one
    }
  }
  throw new Error(`No Python 3.9+ with the venv module found (tried ${candidates.join(", ")}); set MSGRAPH_TEST_PYTHON to one.`);
}

/** The venv's python executable, creating the venv and installing `requirements` when needed. */
export function pythonVenv(name: string, requirements: string[]): string {
  const base = basePython();
  const key = createHash("sha256").update(JSON.stringify([base.exe, base.version, requirements])).digest("hex").slice(0, 12);
  const dir = path.join(TEST_TMP, "python", `${name}-${key}`);
  const python = process.platform === "win32" ? path.join(dir, "Scripts", "python.exe") : path.join(dir, "bin", "python");
  const ready = path.join(dir, ".ready");
  if (fs.existsSync(ready)) return python;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  execFileSync(base.exe, ["-m", "venv", dir], { stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  execFileSync(python, ["-m", "pip", "install", "--disable-pip-version-check", "--quiet", ...requirements], { stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });
  fs.writeFileSync(ready, `${new Date().toISOString()}\n${requirements.join("\n")}\n`);
  return python;
}
