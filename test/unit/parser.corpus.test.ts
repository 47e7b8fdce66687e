import { describe, expect, test } from "vitest";
import { CHECKS, CORE_KINDS, CORPUS_FILES, type CorpusCase, readCorpus } from "../corpus/corpus";

function runKind(kind: string, cases: readonly CorpusCase[]): { passed: number; failures: CorpusCase[] } {
  const check = CHECKS[kind];
  const failures = cases.filter((c) => {
    try {
      return !check(c.name, c.expected);
    } catch {
      return true;
    }
  });
  return { passed: cases.length - failures.length, failures };
}

for (const file of CORPUS_FILES) {
  const cases = readCorpus(file);
  const kinds = [...new Set(cases.map((c) => c.kind))];

  describe(`parser corpus ${file}`, () => {
    test("every kind has a check", () => {
      expect(kinds.filter((kind) => !(kind in CHECKS))).toEqual([]);
    });

    for (const kind of kinds) {
      test(kind, () => {
        const ofKind = cases.filter((c) => c.kind === kind);
        const { passed, failures } = runKind(kind, ofKind);
        const share = passed / ofKind.length;
        console.log(`parser corpus ${kind}: ${passed}/${ofKind.length} (${(share * 100).toFixed(1)}%)`);
        for (const failure of failures) console.log(`  ✗ ${kind}\t${failure.name}\t${failure.expected}`);
        expect(share).toBeGreaterThanOrEqual(CORE_KINDS.has(kind) ? 0.97 : 0.9);
      });
    }
  });
}
