/**
 * `doctor`: the state of the environment a project needs, each finding
 * with what to do about it — the pinned Node.js and pnpm, Go (which builds
 * the tools), the pinned tools, the schema store, and per cluster the age
 * key that decrypts its SOPS secrets and its sealing certificate.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { discoverClusters, loadCluster } from "../cluster/load-clusters.ts";
import { formatProblem, isUserError } from "../errors/user-error.ts";
import { asArray, asObject, asString, at } from "../resource/json-fields.ts";
import { SCHEMAS_CACHE_DIR, schemaStorePath } from "../schemas/build-store.ts";
import { AGE_RECIPIENT } from "../secrets/age.ts";
import { ageKeyFile, sealingCertificateFile } from "../secrets/layout.ts";
import { checkSealingCertificate } from "../secrets/sealing-certificate.ts";
import { compareVersions, toolPath, TOOLS_DIR } from "../tools/install-tools.ts";
import { MINIMUM_GO, PINNED_TOOLS } from "../tools/versions.ts";

/** How a check came out: `fail` makes `doctor` exit 1, `warn` does not. */
export type CheckStatus = "ok" | "warn" | "fail";

/** One finding. */
export interface DoctorCheck {
  /** A stable id, e.g. `tool:kubeconform` or `age-key:production`. */
  readonly id: string;
  /** The outcome. */
  readonly status: CheckStatus;
  /** One line: what was found. */
  readonly summary: string;
  /** What to do, when it is not ok. */
  readonly fix?: string;
}

/** Everything `doctor` found. */
export interface DoctorReport {
  /** Whether no check failed. */
  readonly ok: boolean;
  /** The checks, in a fixed order. */
  readonly checks: readonly DoctorCheck[];
}

/** What {@link runDoctor} runs commands with; tests give it another `PATH`. */
export interface DoctorOptions {
  /**
   * The environment of the commands run (`pnpm`, `go`, `git`).
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The version of the Node.js running the checks.
   * @default process.versions.node
   */
  readonly nodeVersion?: string;
  /** The moment certificates are checked at. @default now */
  readonly now?: Date;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): { ok: boolean; missing: boolean; output: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 30_000 });
  if (result.error !== undefined) return { ok: false, missing: (result.error as NodeJS.ErrnoException).code === "ENOENT", output: result.error.message };
  return { ok: result.status === 0, missing: false, output: `${result.stdout}${result.stderr}`.trim() };
}

function readPackageJson(root: string): Record<string, unknown> {
  try {
    return (asObject(JSON.parse(readFileSync(join(root, "package.json"), "utf8"))) ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function runtimeChecks(root: string, env: NodeJS.ProcessEnv, nodeVersion: string): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const manifest = readPackageJson(root);
  const nodePin = asString(at(manifest, "devDependencies", "node")) ?? asString(at(manifest, "dependencies", "node"));
  if (nodePin === undefined) checks.push({ id: "node", status: "ok", summary: `Node.js ${nodeVersion} (no pin in package.json)` });
  else if (nodePin === nodeVersion) checks.push({ id: "node", status: "ok", summary: `Node.js ${nodeVersion} (pinned ${nodePin}) at ${process.execPath}` });
  else {
    checks.push({
      id: "node",
      status: "fail",
      summary: `Node.js ${nodeVersion} runs this, but package.json pins ${nodePin}`,
      fix: "run commands through pnpm (`pnpm doctor`, `pnpm gen`…): pnpm puts the pinned Node first on PATH; run `pnpm install` if node_modules/.bin/node is missing",
    });
  }
  const pnpmPin = /^pnpm@([^+]+)/.exec(asString(manifest.packageManager) ?? "")?.[1];
  const pnpm = run("pnpm", ["--version"], env, root);
  if (pnpm.missing) checks.push({ id: "pnpm", status: "fail", summary: "pnpm is not installed (no `pnpm` on PATH)", fix: `install it: \`npm install --global pnpm@${pnpmPin ?? "latest"}\` (or \`./scripts/setup.sh\`)` });
  else if (!pnpm.ok) checks.push({ id: "pnpm", status: "fail", summary: `\`pnpm --version\` failed: ${pnpm.output.split("\n")[0]}`, fix: "reinstall pnpm" });
  else if (pnpmPin !== undefined && pnpm.output.split("\n").at(-1) !== pnpmPin) {
    checks.push({ id: "pnpm", status: "fail", summary: `pnpm ${pnpm.output.split("\n").at(-1)} is on PATH, but package.json pins pnpm@${pnpmPin}`, fix: `\`npm install --global pnpm@${pnpmPin}\` (or enable corepack, which honours packageManager)` });
  } else checks.push({ id: "pnpm", status: "ok", summary: `pnpm ${pnpm.output.split("\n").at(-1)}${pnpmPin === undefined ? "" : ` (pinned ${pnpmPin})`}` });
  return checks;
}

function goCheck(root: string, env: NodeJS.ProcessEnv, toolsMissing: boolean): DoctorCheck {
  const go = run("go", ["env", "GOVERSION"], env, root);
  const needed = toolsMissing ? "fail" : "warn";
  const why = toolsMissing ? "it is needed now: some pinned tools are missing" : "needed only to build the pinned tools, which are all installed";
  if (go.missing) return { id: "go", status: needed, summary: `Go is not installed (no \`go\` on PATH); ${why}`, fix: `install Go ${MINIMUM_GO} or newer, then \`pnpm tools install\`` };
  if (!go.ok) return { id: "go", status: needed, summary: `\`go env GOVERSION\` failed: ${go.output.split("\n")[0]}`, fix: `reinstall Go ${MINIMUM_GO} or newer` };
  const version = go.output.replace(/^go/, "");
  if (compareVersions(version, MINIMUM_GO) < 0) return { id: "go", status: needed, summary: `Go ${version} is older than ${MINIMUM_GO}, the oldest that builds every pinned tool; ${why}`, fix: `install Go ${MINIMUM_GO} or newer` };
  return { id: "go", status: "ok", summary: `Go ${version} (${MINIMUM_GO} or newer builds the pinned tools)` };
}

function toolChecks(root: string, env: NodeJS.ProcessEnv): DoctorCheck[] {
  return PINNED_TOOLS.map((tool) => {
    const path = toolPath(root, tool);
    const shown = join(TOOLS_DIR, tool.name, tool.version, tool.name);
    const others = (() => {
      try {
        return readdirSync(join(root, TOOLS_DIR, tool.name)).filter((version) => version !== tool.version).sort();
      } catch {
        return [];
      }
    })();
    const stale = others.length === 0 ? "" : `; other versions in ${TOOLS_DIR}/${tool.name}/: ${others.join(", ")} (no longer pinned, can be removed)`;
    if (!existsSync(path)) return { id: `tool:${tool.name}`, status: "fail", summary: `${tool.name} ${tool.version} is not installed${stale}`, fix: "`pnpm tools install` (builds the pinned tools with Go)" };
    const result = run(path, tool.versionArgs, env, root);
    const bare = tool.version.replace(/^v/, "");
    if (!result.ok && !result.output.includes(bare)) return { id: `tool:${tool.name}`, status: "fail", summary: `${shown} does not run: ${result.output.split("\n")[0]}`, fix: `remove ${TOOLS_DIR}/${tool.name}/${tool.version} and run \`pnpm tools install\`` };
    if (!result.output.includes(bare)) {
      return { id: `tool:${tool.name}`, status: "fail", summary: `${shown} reports another version: ${result.output.split("\n")[0]}`, fix: `remove ${TOOLS_DIR}/${tool.name}/${tool.version} and run \`pnpm tools install\`` };
    }
    return { id: `tool:${tool.name}`, status: "ok", summary: `${tool.name} ${tool.version} at ${shown}${stale}` };
  });
}

function schemaCheck(root: string): DoctorCheck {
  let store: string;
  try {
    store = schemaStorePath(root);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { id: "schemas", status: "fail", summary: `the schema sources cannot be read: ${error.problems.map(formatProblem).join("; ")}`, fix: "fix schemas/sources.json" };
  }
  const relative = store.slice(root.length + 1);
  const others = (() => {
    try {
      return readdirSync(join(root, SCHEMAS_CACHE_DIR)).filter((name) => join(root, SCHEMAS_CACHE_DIR, name) !== store);
    } catch {
      return [];
    }
  })();
  if (!existsSync(store)) {
    return {
      id: "schemas",
      status: "fail",
      summary: `the schema store for the current schemas/sources.json is not built (${relative})${others.length === 0 ? "" : `; ${others.length} older store(s) are in ${SCHEMAS_CACHE_DIR}/`}`,
      fix: "`pnpm schemas` (offline from a mirror: `typed-gitops schemas --mirror ../shared/upstream`)",
    };
  }
  return { id: "schemas", status: "ok", summary: `schema store ${relative} matches schemas/sources.json${others.length === 0 ? "" : ` (${others.length} stale store(s) in ${SCHEMAS_CACHE_DIR}/ can be removed)`}` };
}

/** The public recipient written in an age key file's `# public key:` comment, when there is one. */
function recipientInKeyFile(text: string): string | undefined {
  const match = /^# public key: (age1[0-9a-z]+)$/m.exec(text);
  return match !== null && AGE_RECIPIENT.test(match[1]!) ? match[1] : undefined;
}

async function clusterChecks(root: string, now: Date): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let clusters;
  try {
    clusters = discoverClusters(root);
  } catch (error) {
    if (!isUserError(error)) throw error;
    return [{ id: "clusters", status: "fail", summary: error.problems.map(formatProblem).join("; "), fix: "run doctor in the project root, or pass --root" }];
  }
  for (const cluster of clusters) {
    let definition: unknown;
    try {
      definition = await loadCluster(root, cluster);
    } catch (error) {
      if (!isUserError(error)) throw error;
      checks.push({ id: `definition:${cluster.name}`, status: "fail", summary: `${cluster.source}/cluster.ts does not load: ${error.problems.map((problem) => `${problem.where}: ${problem.what}`).join("; ")}`, fix: "`pnpm gen` shows every problem with its fix" });
      continue;
    }
    const recipients = asArray(at(definition, "secrets", "sops", "ageRecipients")).map(asString).filter((value): value is string => value !== undefined);
    const keyFile = ageKeyFile(cluster.name);
    const keyPath = join(root, keyFile);
    if (recipients.length === 0) {
      checks.push({ id: `age-key:${cluster.name}`, status: "ok", summary: `${cluster.name}: no SOPS recipients (the cluster uses no SOPS secrets)` });
    } else if (!existsSync(keyPath)) {
      checks.push({
        id: `age-key:${cluster.name}`,
        status: "warn",
        summary: `${cluster.name}: no age key at ${keyFile}; rendering does not need it, but \`secrets set\`, \`edit\` and \`rotate\` do (recipients: ${recipients.join(", ")})`,
        fix: `get the private key of one of these recipients from whoever holds it and save it as ${keyFile} (mode 0600); for a new cluster, \`pnpm secrets init ${cluster.name}\``,
      });
    } else {
      const text = readFileSync(keyPath, "utf8");
      const recipient = recipientInKeyFile(text);
      const mode = statSync(keyPath).mode & 0o777;
      if (recipient === undefined) {
        checks.push({ id: `age-key:${cluster.name}`, status: "fail", summary: `${cluster.name}: ${keyFile} holds no \`# public key:\` line, so its recipient is unknown`, fix: `check it with \`age-keygen -y ${keyFile}\`; age-keygen writes that line when it creates a key` });
      } else if (!recipients.includes(recipient)) {
        checks.push({
          id: `age-key:${cluster.name}`,
          status: "fail",
          summary: `${cluster.name}: the key ${keyFile} (recipient ${recipient}) is not among the cluster's SOPS recipients (${recipients.join(", ")}): it cannot decrypt the cluster's secrets`,
          fix: `use the key of a listed recipient, or add ${recipient} to secrets.sops.ageRecipients in clusters/${cluster.name}/cluster.ts, then \`pnpm gen\` and \`pnpm secrets rotate ${cluster.name}\` (with a key that decrypts)`,
        });
      } else if ((mode & 0o077) !== 0) {
        checks.push({ id: `age-key:${cluster.name}`, status: "warn", summary: `${cluster.name}: ${keyFile} matches recipient ${recipient}, but other users can read it (mode ${mode.toString(8)})`, fix: `chmod 600 ${keyFile}` });
      } else {
        checks.push({ id: `age-key:${cluster.name}`, status: "ok", summary: `${cluster.name}: age key ${keyFile} matches recipient ${recipient}` });
      }
    }
    const certificate = sealingCertificateFile(cluster.name);
    if (existsSync(join(root, certificate))) {
      try {
        const found = checkSealingCertificate(join(root, certificate), { where: certificate, now });
        const days = Math.floor((found.validTo.getTime() - now.getTime()) / 86_400_000);
        checks.push({
          id: `sealing-certificate:${cluster.name}`,
          status: days < 30 ? "warn" : "ok",
          summary: `${cluster.name}: sealing certificate ${certificate} valid until ${found.validTo.toISOString().slice(0, 10)} (${days} days)`,
          ...(days < 30 ? { fix: `fetch the controller's current certificate: kubeseal --fetch-cert --controller-namespace sealed-secrets --controller-name sealed-secrets-controller > ${certificate}` } : {}),
        });
      } catch (error) {
        if (!isUserError(error)) throw error;
        checks.push({ id: `sealing-certificate:${cluster.name}`, status: "fail", summary: `${cluster.name}: ${error.problems.map((problem) => `${problem.where}: ${problem.what}`).join("; ")}`, fix: error.problems[0]?.hint ?? "fetch the certificate again with kubeseal --fetch-cert" });
      }
    }
  }
  return checks;
}

/** Runs every check of the project at `root`. */
export async function runDoctor(root: string, options: DoctorOptions = {}): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const tools = toolChecks(root, env);
  const git = run("git", ["--version"], env, root);
  const checks: DoctorCheck[] = [
    ...runtimeChecks(root, env, options.nodeVersion ?? process.versions.node),
    goCheck(root, env, tools.some((check) => check.status !== "ok")),
    git.ok ? { id: "git", status: "ok", summary: git.output.split("\n")[0]! } : { id: "git", status: "warn", summary: "git is not installed; `diff` compares with git revisions", fix: "install git" },
    ...tools,
    schemaCheck(root),
    ...(await clusterChecks(root, options.now ?? new Date())),
  ];
  return { ok: checks.every((check) => check.status !== "fail"), checks };
}
