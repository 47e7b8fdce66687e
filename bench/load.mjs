/** The high-load check shared by the library and streaming benches: many connections held a while. */
export const HIGH_LOAD = {
  connections: Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200),
  seconds: Number(process.env.BENCH_LOAD_SECONDS ?? 30),
};

/** An autocannon result as the bench reports it; errors count timeouts and non-2xx answers too. */
export function loadSummary(result) {
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
