#!/usr/bin/env node
// Validates the GitHub configuration offline: every workflow in .github/workflows/*.yml|yaml (and
// composite actions in .github/actions/*/action.yml|yaml) with action-validator against GitHub's
// published schemas, and .github/dependabot.yml|yaml with the structural rules below
// (action-validator knows only workflows and actions). No files is fine: nothing to validate.
//   node scripts/check-workflows.mjs [repository root, default .]
// Exits 1 when any file fails, after reporting every file.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";

const root = process.argv[2] ?? ".";
const github = join(root, ".github");
const require = createRequire(import.meta.url);
const validatorCli = join(dirname(require.resolve("@action-validator/cli/package.json")), "cli.mjs");

const yamlFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => join(dir, name))
    : [];

const actionsDir = join(github, "actions");
const actionFiles = existsSync(actionsDir)
  ? readdirSync(actionsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => yamlFiles(join(actionsDir, entry.name)).filter((file) => /action\.ya?ml$/.test(file)))
  : [];
const validated = [...yamlFiles(join(github, "workflows")), ...actionFiles];
const dependabot = ["dependabot.yml", "dependabot.yaml"].map((name) => join(github, name)).filter(existsSync);

let failures = 0;
const fail = (file, messages) => {
  failures++;
  console.error(`✗ ${relative(root, file)}`);
  for (const message of messages) console.error(`    ${message}`);
};

for (const file of validated) {
  // The CLI validates a file named action.yml|yaml as an action, anything else as a workflow.
  const run = spawnSync(process.execPath, [validatorCli, relative(root, file)], { cwd: root, encoding: "utf8" });
  if (run.status === 0) console.log(`✓ ${relative(root, file)}`);
  else fail(file, [(run.stderr || run.stdout || `action-validator exited ${run.status}`).trim()]);
}

// Dependabot v2 (docs.github.com › Dependabot options reference): known keys, a known ecosystem,
// one of directory/directories, a schedule with a known interval.
const ECOSYSTEMS = new Set([
  "bazel",
  "bun",
  "bundler",
  "cargo",
  "composer",
  "conda",
  "devcontainers",
  "docker",
  "docker-compose",
  "dotnet-sdk",
  "elm",
  "github-actions",
  "gitsubmodule",
  "gomod",
  "gradle",
  "helm",
  "julia",
  "maven",
  "mix",
  "npm",
  "nuget",
  "opentofu",
  "pip",
  "pre-commit",
  "pub",
  "rust-toolchain",
  "swift",
  "terraform",
  "uv",
  "vcpkg",
]);
const TOP_KEYS = new Set(["version", "updates", "registries", "enable-beta-ecosystems", "multi-ecosystem-groups"]);
const UPDATE_KEYS = new Set([
  "package-ecosystem",
  "directory",
  "directories",
  "schedule",
  "allow",
  "assignees",
  "commit-message",
  "cooldown",
  "exclude-paths",
  "groups",
  "ignore",
  "insecure-external-code-execution",
  "labels",
  "milestone",
  "multi-ecosystem-group",
  "open-pull-requests-limit",
  "patterns",
  "pull-request-branch-name",
  "rebase-strategy",
  "registries",
  "reviewers",
  "target-branch",
  "vendor",
  "versioning-strategy",
]);
const SCHEDULE_KEYS = new Set(["interval", "day", "time", "timezone", "cronjob"]);
const INTERVALS = new Set(["daily", "weekly", "monthly", "quarterly", "semiannually", "yearly", "cron"]);
const DAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

function dependabotErrors(text) {
  let config;
  try {
    config = parse(text);
  } catch (error) {
    return [`not YAML: ${error.message.split("\n")[0]}`];
  }
  if (!isObject(config)) return ["the file must be a mapping"];
  const errors = [];
  for (const key of Object.keys(config)) if (!TOP_KEYS.has(key)) errors.push(`unknown key '${key}'`);
  if (config.version !== 2) errors.push("'version' must be 2");
  if (!Array.isArray(config.updates) || config.updates.length === 0) {
    errors.push("'updates' must be a non-empty list");
    return errors;
  }
  for (const [i, update] of config.updates.entries()) {
    const at = `updates[${i}]`;
    if (!isObject(update)) {
      errors.push(`${at} must be a mapping`);
      continue;
    }
    for (const key of Object.keys(update)) if (!UPDATE_KEYS.has(key)) errors.push(`${at}: unknown key '${key}'`);
    if (!ECOSYSTEMS.has(update["package-ecosystem"]))
      errors.push(`${at}: unknown package-ecosystem '${update["package-ecosystem"]}'`);
    const hasDirectory = typeof update.directory === "string";
    const hasDirectories =
      Array.isArray(update.directories) && update.directories.every((dir) => typeof dir === "string");
    if (hasDirectory === hasDirectories) errors.push(`${at}: exactly one of 'directory' or 'directories' (strings)`);
    if (hasDirectory && !update.directory.startsWith("/")) errors.push(`${at}: 'directory' must start with /`);
    const schedule = update.schedule;
    if (!isObject(schedule)) {
      errors.push(`${at}: 'schedule' with an 'interval' is required`);
      continue;
    }
    for (const key of Object.keys(schedule))
      if (!SCHEDULE_KEYS.has(key)) errors.push(`${at}.schedule: unknown '${key}'`);
    if (!INTERVALS.has(schedule.interval)) errors.push(`${at}.schedule: unknown interval '${schedule.interval}'`);
    if (schedule.interval === "cron" && typeof schedule.cronjob !== "string")
      errors.push(`${at}.schedule: interval cron needs a 'cronjob'`);
    if (schedule.day !== undefined && !DAYS.has(schedule.day))
      errors.push(`${at}.schedule: unknown day '${schedule.day}'`);
    if (schedule.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(schedule.time)))
      errors.push(`${at}.schedule: time must be hh:mm, quoted`);
    const limit = update["open-pull-requests-limit"];
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0))
      errors.push(`${at}: 'open-pull-requests-limit' must be a whole number ≥ 0`);
  }
  return errors;
}

for (const file of dependabot) {
  const errors = dependabotErrors(readFileSync(file, "utf8"));
  if (errors.length === 0) console.log(`✓ ${relative(root, file)}`);
  else fail(file, errors);
}

const count = validated.length + dependabot.length;
if (count === 0) console.log(`No workflow or Dependabot files under ${github}: nothing to validate.`);
if (failures > 0) {
  console.error(`${failures} of ${count} GitHub configuration files failed validation.`);
  process.exit(1);
}
