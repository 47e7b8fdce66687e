/**
 * Cloudflare's Workers Paid plan as docs/cost.md cites it (read 2026-12-07): the $5 monthly
 * minimum includes each unit's monthly allowance; usage past it is billed at `perMillion` USD.
 * A month is 30 days of the measured day.
 */
export const PLAN_READ_ON = "2026-12-07";
const BASE_USD_PER_MONTH = 5;

const PRICES = [
  { unit: "requests", name: "Worker requests", includedPerMonth: 10_000_000, perMillion: 0.3 },
  { unit: "cpuMs", name: "Worker CPU ms", includedPerMonth: 30_000_000, perMillion: 0.02 },
  { unit: "d1RowsRead", name: "D1 rows read", includedPerMonth: 25_000_000_000, perMillion: 0.001 },
  { unit: "d1RowsWritten", name: "D1 rows written", includedPerMonth: 50_000_000, perMillion: 1.0 },
  { unit: "kvReads", name: "KV reads", includedPerMonth: 10_000_000, perMillion: 0.5 },
  { unit: "kvWrites", name: "KV writes, deletes, lists", includedPerMonth: 1_000_000, perMillion: 5.0 },
  { unit: "doRequests", name: "Durable Object requests", includedPerMonth: 1_000_000, perMillion: 0.15 },
  // Each message is a write, a read and a delete (3 operations of up to 64 KB).
  {
    unit: "queueMessages",
    name: "Queue operations (3 per message)",
    includedPerMonth: 1_000_000,
    perMillion: 0.4,
    factor: 3,
  },
];

/** Per unit: the month's usage, the share of the allowance it uses, and what is billed beyond it. */
export function priceMonth(dayTotals) {
  const lines = PRICES.map((p) => {
    const month = (dayTotals[p.unit] ?? 0) * 30 * (p.factor ?? 1);
    const billed = Math.max(0, month - p.includedPerMonth);
    return {
      ...p,
      perDay: (dayTotals[p.unit] ?? 0) * (p.factor ?? 1),
      month,
      allowanceUsed: month / p.includedPerMonth,
      overUsd: (billed / 1_000_000) * p.perMillion,
    };
  });
  const overUsd = lines.reduce((sum, l) => sum + l.overUsd, 0);
  return { lines, overUsd, totalUsd: BASE_USD_PER_MONTH + overUsd };
}
