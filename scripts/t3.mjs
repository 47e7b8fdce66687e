import autocannon from "autocannon";
import { startApp } from "./lib/app.mjs";
const app = await startApp({ persistDir: "/tmp/seedtest-state", vars: { API_KEY: "k" } });
for (const p of ["/ping", "/api/v3/movie/paged?sortKey=title"]) {
const r = await autocannon({ url: app.url + p, connections: 16, duration: 4, headers: { "x-api-key": "k" } });
console.log(p, r.requests.average, r.latency.p50, r.non2xx);
}
await app.stop();
