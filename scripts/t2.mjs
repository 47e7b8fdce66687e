import { startApp } from "./lib/app.mjs";
const app = await startApp({ persistDir: "/tmp/seedtest-state", vars: { API_KEY: "k" }, logLevel: "log" });
for (let i = 0; i < 4; i++) { const t = performance.now(); const r = await fetch(app.url + "/api/v3/movie", { headers: { "x-api-key": "k" } }); await r.text(); console.log(Math.round(performance.now() - t)); }
await app.stop();
