#!/usr/bin/env node
// Writes the README's coverage badge (docs/badges/coverage.svg) from the line coverage in
// coverage/coverage-summary.json (Istanbul's json-summary reporter):
//   node scripts/coverage-badge.mjs [summary.json] [badge.svg]
// Colour by threshold: ≥ 90 % bright green, ≥ 80 green, ≥ 70 yellow-green, ≥ 60 yellow, ≥ 50
// orange, below red; grey "unknown" when the summary measured no lines. A missing summary is an
// error: the badge is only rewritten from a real coverage run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const input = resolve(process.argv[2] ?? "coverage/coverage-summary.json");
const output = resolve(process.argv[3] ?? "docs/badges/coverage.svg");

const THRESHOLDS = [
  [90, "#4c1"],
  [80, "#97ca00"],
  [70, "#a4a61d"],
  [60, "#dfb317"],
  [50, "#fe7d37"],
  [0, "#e05d44"],
];
const UNKNOWN = "#9f9f9f";

if (!existsSync(input)) {
  console.error(`No coverage summary at ${input}: run the tests with coverage first.`);
  process.exit(1);
}

const lines = JSON.parse(readFileSync(input, "utf8")).total?.lines;
// Istanbul reports pct "Unknown" when no line was measured.
const pct = typeof lines?.pct === "number" && lines.total > 0 ? lines.pct : undefined;
const value = pct === undefined ? "unknown" : `${Math.floor(pct * 10) / 10}%`;
const colour = pct === undefined ? UNKNOWN : THRESHOLDS.find(([min]) => pct >= min)[1];

/** Width of `text` in 11px Verdana, near enough for a badge (shields.io measures the same font). */
function textWidth(text) {
  let width = 0;
  for (const ch of text) width += /[0-9a-z%]/.test(ch) ? 7 : /[.: ]/.test(ch) ? 3.5 : 8;
  return Math.ceil(width);
}

const label = "coverage";
const labelWidth = textWidth(label) + 10;
const valueWidth = textWidth(value) + 10;
const width = labelWidth + valueWidth;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${label}: ${value}">
  <title>${label}: ${value}</title>
  <linearGradient id="s" x2="0" y2="100%">
    <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
    <stop offset="1" stop-opacity=".1"/>
  </linearGradient>
  <clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
  <g clip-path="url(#r)">
    <rect width="${labelWidth}" height="20" fill="#555"/>
    <rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${colour}"/>
    <rect width="${width}" height="20" fill="url(#s)"/>
  </g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
    <text x="${labelWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${label}</text>
    <text x="${labelWidth / 2}" y="14">${label}</text>
    <text x="${labelWidth + valueWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${value}</text>
    <text x="${labelWidth + valueWidth / 2}" y="14">${value}</text>
  </g>
</svg>
`;

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, svg);
console.log(`${output}: coverage ${value}`);
