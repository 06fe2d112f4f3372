// Lints the CI examples in examples/pipeline/ (they are documentation, never run here): both files
// parse as YAML, preview on pull requests, up only on main, and authenticate with workload identity
// federation (AZURE_FEDERATED_TOKEN_FILE, no client secret).
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, parseDocument } from "yaml";

const dir = path.resolve(__dirname, "..", "..", "..", "examples", "pipeline");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = any;

function load(file: string): { doc: Yaml; text: string } {
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const parsed = parseDocument(text, { prettyErrors: true, strict: true, uniqueKeys: true });
  expect(parsed.errors.map(String), `${file} YAML errors`).to.deep.equal([]);
  expect(parsed.warnings.map(String), `${file} YAML warnings`).to.deep.equal([]);
  return { doc: parse(text), text };
}

/** Every `run:`/`script`/`inlineScript` text in a list of steps. */
function scripts(steps: Yaml[]): string {
  return steps.map((s) => [s.run, s.script, s.inputs?.inlineScript].filter(Boolean).join("\n")).join("\n");
}

describe("examples/pipeline", () => {
  it("the README names both files", () => {
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    expect(readme).to.contain("github-actions.yml");
    expect(readme).to.contain("azure-pipelines.yml");
    expect(readme).to.contain("AZURE_FEDERATED_TOKEN_FILE");
  });

  describe("github-actions.yml", () => {
    const { doc, text } = load("github-actions.yml");

    it("triggers on pull requests into main and on pushes to main", () => {
      expect(doc.on.pull_request.branches).to.deep.equal(["main"]);
      expect(doc.on.push.branches).to.deep.equal(["main"]);
    });

    it("may request GitHub's OIDC token and nothing more than reading the code", () => {
      expect(doc.permissions).to.deep.equal({ contents: "read", "id-token": "write" });
    });

    it("previews on pull requests only", () => {
      const job = doc.jobs.preview;
      expect(job.if).to.equal("github.event_name == 'pull_request'");
      expect(scripts(job.steps)).to.match(/^pulumi preview --stack "\$PULUMI_STACK" .*--non-interactive/m);
      expect(scripts(job.steps)).not.to.match(/pulumi up/);
    });

    it("runs pulumi up only for pushes to main, one at a time", () => {
      const job = doc.jobs.up;
      expect(job.if).to.equal("github.event_name == 'push' && github.ref == 'refs/heads/main'");
      expect(job.concurrency["cancel-in-progress"]).to.equal(false);
      expect(scripts(job.steps)).to.match(/^pulumi up --stack "\$PULUMI_STACK" --yes .*--non-interactive/m);
    });

    it("sets up Node 22, npm ci and the pinned CLI before running pulumi, in both jobs", () => {
      for (const name of ["preview", "up"]) {
        const steps: Yaml[] = doc.jobs[name].steps;
        const at = (pred: (s: Yaml) => boolean) => steps.findIndex(pred);
        const node = at((s) => s.uses === "actions/setup-node@v4" && s.with?.["node-version"] === 22);
        const ci = at((s) => typeof s.run === "string" && s.run.startsWith("npm ci"));
        const cli = at((s) => s.uses === "pulumi/actions@v6" && s.with?.["pulumi-version"] === "3.274.1");
        const pulumi = at((s) => typeof s.run === "string" && /^pulumi (preview|up)/.test(s.run));
        expect([node, ci, cli].every((i) => i >= 0 && i < pulumi), `${name}: ${[node, ci, cli, pulumi]}`).to.equal(true);
      }
    });

    it("writes the federated token file before pulumi runs, and holds no client secret", () => {
      for (const name of ["preview", "up"]) {
        const steps: Yaml[] = doc.jobs[name].steps;
        const token = steps.findIndex((s) => /AZURE_FEDERATED_TOKEN_FILE=.*>> "\$GITHUB_ENV"/.test(s.run ?? ""));
        const pulumi = steps.findIndex((s) => /^pulumi /.test(s.run ?? ""));
        expect(token, name).to.be.greaterThan(-1).and.lessThan(pulumi);
        expect(steps[token].run).to.contain("audience=api://AzureADTokenExchange");
      }
      expect(doc.env.AZURE_CLIENT_ID).to.equal("${{ vars.AZURE_CLIENT_ID }}");
      expect(doc.env.AZURE_TENANT_ID).to.equal("${{ vars.AZURE_TENANT_ID }}");
      expect(text).not.to.match(/client[-_]?secret/i);
    });
  });

  describe("azure-pipelines.yml", () => {
    const { doc, text } = load("azure-pipelines.yml");
    const stage = (name: string) => doc.stages.find((s: Yaml) => s.stage === name);
    const steps = (name: string): Yaml[] => {
      const job = stage(name).jobs[0];
      return job.steps ?? job.strategy.runOnce.deploy.steps;
    };

    it("triggers on main and on pull requests into main", () => {
      expect(doc.trigger.branches.include).to.deep.equal(["main"]);
      expect(doc.pr.branches.include).to.deep.equal(["main"]);
    });

    it("previews only for pull requests and runs up only on main outside pull requests", () => {
      expect(stage("preview").condition).to.equal("eq(variables['Build.Reason'], 'PullRequest')");
      expect(stage("up").condition).to.contain("ne(variables['Build.Reason'], 'PullRequest')");
      expect(stage("up").condition).to.contain("eq(variables['Build.SourceBranch'], 'refs/heads/main')");
      expect(scripts(steps("preview"))).to.match(/pulumi preview --stack "\$PULUMI_STACK" .*--non-interactive/);
      expect(scripts(steps("preview"))).not.to.match(/pulumi up/);
      expect(scripts(steps("up"))).to.match(/pulumi up --stack "\$PULUMI_STACK" --yes .*--non-interactive/);
      expect(stage("up").jobs[0].environment).to.be.a("string");
    });

    it("runs pulumi inside AzureCLI@2 with the federated token of the service connection", () => {
      for (const name of ["preview", "up"]) {
        const task = steps(name).find((s) => s.task === "AzureCLI@2");
        expect(task, name).to.exist;
        expect(task.inputs.addSpnToEnvironment).to.equal(true);
        const script: string = task.inputs.inlineScript;
        const written = script.indexOf(`printf '%s' "$idToken" > "$(Agent.TempDirectory)/azure-federated-token"`);
        const exported = script.indexOf(`export AZURE_FEDERATED_TOKEN_FILE="$(Agent.TempDirectory)/azure-federated-token"`);
        const run = script.search(/pulumi (preview|up)/);
        expect([written, exported, run].every((i, k, a) => i >= 0 && (k === 0 || a[k - 1] < i)), `${name}: ${[written, exported, run]}`).to.equal(true);
        expect(script).to.contain(`export AZURE_CLIENT_ID="$servicePrincipalId" AZURE_TENANT_ID="$tenantId"`);
        expect(task.env.PULUMI_CONFIG_PASSPHRASE).to.equal("$(PULUMI_CONFIG_PASSPHRASE)");
      }
      expect(text).not.to.match(/client[-_]?secret/i);
    });

    it("installs Node 22 and the pinned CLI", () => {
      for (const name of ["preview", "up"]) {
        expect(steps(name).some((s) => s.task === "NodeTool@0" && s.inputs.versionSpec === "22.x")).to.equal(true);
        expect(scripts(steps(name))).to.contain(`sh -s -- --version "$(PULUMI_VERSION)"`);
      }
      expect(doc.variables.find((v: Yaml) => v.name === "PULUMI_VERSION").value).to.equal("3.274.1");
    });
  });
});
