#!/usr/bin/env node
// Prints the coverage summary as Markdown: the totals, then one row per folder (src/api,
// src/domain/parser, …). CI appends it to the job summary:
//   node scripts/coverage-summary.mjs >> "$GITHUB_STEP_SUMMARY"
// Reads coverage/coverage-summary.json (Istanbul's json-summary reporter) or the file given as
// the first argument. A missing summary prints a note and exits 0, so a failed test run still
// gets a readable job summary instead of a second failure.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

const METRICS = ["lines", "statements", "functions", "branches"];
const input = resolve(process.argv[2] ?? "coverage/coverage-summary.json");

if (!existsSync(input)) {
  console.log(`### Coverage\n\nNo coverage summary at \`${relative(process.cwd(), input)}\`: the test run made none.`);
  process.exit(0);
}

const summary = JSON.parse(readFileSync(input, "utf8"));

/** "85.21% (1,234/1,448)", or "–" when nothing of that kind was measured. */
function cell({ covered, total }) {
  if (!total) return "–";
  const pct = ((covered / total) * 100).toFixed(2);
  return `${pct}% (${covered.toLocaleString("en-US")}/${total.toLocaleString("en-US")})`;
}

function row(name, counts) {
  return `| ${name} | ${METRICS.map((m) => cell(counts[m])).join(" | ")} |`;
}

/** Sums the per-file counts by the folder each file sits in, relative to the repository. */
function byFolder(files) {
  const folders = new Map();
  for (const [path, counts] of files) {
    const folder = relative(process.cwd(), dirname(path)) || ".";
    const sums = folders.get(folder) ?? Object.fromEntries(METRICS.map((m) => [m, { covered: 0, total: 0 }]));
    for (const m of METRICS) {
      sums[m].covered += counts[m]?.covered ?? 0;
      sums[m].total += counts[m]?.total ?? 0;
    }
    folders.set(folder, sums);
  }
  return [...folders].sort(([a], [b]) => a.localeCompare(b));
}

const header = `| | ${METRICS.map((m) => m[0].toUpperCase() + m.slice(1)).join(" | ")} |`;
const rule = `|---|${METRICS.map(() => "---:").join("|")}|`;
const files = Object.entries(summary).filter(([key]) => key !== "total");
const lines = ["### Coverage", "", header, rule, row("**Total**", summary.total)];
if (files.length > 0) {
  lines.push("", "<details><summary>By folder</summary>", "", header, rule);
  for (const [folder, counts] of byFolder(files)) lines.push(row(`\`${folder}\``, counts));
  lines.push("", "</details>");
}
console.log(lines.join("\n"));
