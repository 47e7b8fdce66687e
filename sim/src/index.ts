import { Hono } from "hono";
import { configureSimClock } from "./clock";
import { control } from "./control";
import { catalogueSummary } from "./data/catalogue";
import { setSimulatorHandler } from "./loopback";
import { SERVICES, serviceForPath } from "./services";

/**
 * Radarr Edge upstream simulator: one Worker that stands in for every upstream the app talks
 * to, each under its own prefix (point TMDB_API_URL at http://host:port/tmdb and so on), plus
 * the /__sim control API. Everything it serves is demo data.
 */

const TITLE = "Radarr Edge upstream simulator — demo data";

const app = new Hono<{ Bindings: { SIM_NOW?: string; SIM_CLOCK_START?: string } }>();

// Before any route: every answer is dated by the one clock (src/clock.ts).
app.use(async (c, next) => {
  if (c.env) configureSimClock(c.env);
  await next();
});

for (const service of SERVICES) app.route(service.prefix, service.app);
app.route("/__sim", control);

function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

app.get("/", (c) => {
  const origin = new URL(c.req.url).origin;
  const services = SERVICES.map((service) => ({
    name: service.name,
    url: `${origin}${service.prefix}`,
    description: service.description,
  }));
  const catalogue = catalogueSummary();
  if (!(c.req.header("Accept") ?? "").includes("text/html")) {
    return c.json({ name: TITLE, demoData: true, services, catalogue, control: `${origin}/__sim` });
  }
  const rows = services
    .map(
      (service) =>
        `<li><a href="${escapeHtml(service.url)}"><code>${escapeHtml(service.url)}</code></a> — ${escapeHtml(service.description)}</li>`,
    )
    .join("");
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title></head><body>` +
      `<h1>${TITLE}</h1><p>Every title, person, rating and image served here is generated or demo data.</p>` +
      `<h2>Services</h2><ul>${rows}</ul>` +
      `<h2>Catalogue</h2><p>${catalogue.movies} movies (${catalogue.realMovies} real titles with their TMDb and IMDb ids, ${catalogue.generatedMovies} generated), ${catalogue.collections} collections; dates relative to ${catalogue.referenceDate}.</p>` +
      `<h2>Control</h2><p><code>/__sim/calls</code>, <code>/__sim/calls/log</code>, <code>/__sim/faults</code>, <code>POST /__sim/reset</code></p>` +
      "</body></html>",
  );
});

app.notFound(
  (c) =>
    serviceForPath(c.req.path)?.errorResponse(404) ??
    c.json({ message: `No route for ${c.req.method} ${c.req.path}` }, 404),
);

app.onError((error, c) => c.json({ message: error.message }, 500));

// Download clients fetch .torrent/.nzb URLs from the simulator through its own handler.
setSimulatorHandler((request) => app.fetch(request));

export default app;
