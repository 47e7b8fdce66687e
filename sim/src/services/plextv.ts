import type { Context } from "hono";
import * as clock from "../clock";
import { PLEX_SIM_TOKEN } from "../data/lists-plex";
import { createService } from "./service";

/**
 * plex.tv's PIN sign-in (PLEX_TV_URL and PLEX_APP_URL point at /plextv):
 *   POST /api/v2/pins?strong=true   X-Plex-Client-Identifier, X-Plex-Product (headers or query)
 *                                   → 201 {id, code, clientIdentifier, expiresIn, expiresAt, authToken: null, …}
 *   GET  /api/v2/pins/{id}          the same client identifier → the PIN, `authToken` set once claimed;
 *                                   404 (code 1020) when unknown, another client's, or expired
 *   GET  /auth#?clientID=…&code=…   the sign-in page app.plex.tv shows; "Allow" claims the PIN and
 *                                   goes back to forwardUrl
 * Test controls: POST /__pins/{id or code}/claim (the user signs in; the token is the simulated
 * account's, which the watchlist accepts) and POST /__pins/{id or code}/expire.
 */

const STRONG_PIN_LIFETIME_S = 1800;
const WEAK_PIN_LIFETIME_S = 900;
const CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

interface Pin {
  id: number;
  code: string;
  clientIdentifier: string;
  product: string;
  createdAtMs: number;
  expiresAtMs: number;
  authToken: string | null;
}

const pins = new Map<number, Pin>();
let nextPinId = 7_340_000;

function plexTvError(status: number, message?: string, code?: number): Response {
  const text =
    message ??
    (status === 404 ? "Code not found or expired" : status === 400 ? "Bad request" : "Internal server error");
  return new Response(JSON.stringify({ errors: [{ code: code ?? status, message: text, status }] }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

export const plexTv = createService({
  name: "plextv",
  description: "plex.tv PIN sign-in: POST /api/v2/pins, GET /api/v2/pins/{id}, the /auth page",
  errorResponse: (status) => plexTvError(status),
});
plexTv.reset = () => pins.clear();

const app = plexTv.app;

/** plex.tv reads its X-Plex-* parameters from headers or from the query string alike. */
function plexParam(c: Context, name: string): string {
  return (c.req.header(name) ?? c.req.query(name) ?? "").trim();
}

function randomCode(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

function pinJson(pin: Pin) {
  return {
    id: pin.id,
    code: pin.code,
    product: pin.product,
    trusted: false,
    qr: `https://plex.tv/api/v2/pins/qr/${pin.code}`,
    clientIdentifier: pin.clientIdentifier,
    location: { code: "US", country: "United States", city: "Simulated", subdivisions: "Demo" },
    expiresIn: Math.max(0, Math.round((pin.expiresAtMs - clock.now()) / 1000)),
    createdAt: new Date(pin.createdAtMs).toISOString(),
    expiresAt: new Date(pin.expiresAtMs).toISOString(),
    authToken: pin.authToken,
    newRegistration: pin.authToken ? false : null,
  };
}

const live = (pin: Pin | undefined): pin is Pin => pin !== undefined && clock.now() < pin.expiresAtMs;

/** A PIN by its id or its code (the auth page and tests know the code). */
function pinFor(idOrCode: string): Pin | undefined {
  const byId = pins.get(Number(idOrCode));
  return byId ?? [...pins.values()].find((pin) => pin.code === idOrCode);
}

app.post("/api/v2/pins", (c) => {
  const clientIdentifier = plexParam(c, "X-Plex-Client-Identifier");
  const product = plexParam(c, "X-Plex-Product");
  if (!clientIdentifier) return plexTvError(400, "X-Plex-Client-Identifier is missing", 1000);
  if (!product) return plexTvError(400, "X-Plex-Product is missing", 1000);
  const strong = c.req.query("strong") === "true";
  const pin: Pin = {
    id: nextPinId++,
    code: randomCode(strong ? 25 : 4),
    clientIdentifier,
    product,
    createdAtMs: clock.now(),
    expiresAtMs: clock.now() + (strong ? STRONG_PIN_LIFETIME_S : WEAK_PIN_LIFETIME_S) * 1000,
    authToken: null,
  };
  pins.set(pin.id, pin);
  return c.json(pinJson(pin), 201);
});

app.get("/api/v2/pins/:id", (c) => {
  const pin = pins.get(Number(c.req.param("id")));
  // plex.tv answers a PIN of another client as if it did not exist.
  if (!live(pin) || pin.clientIdentifier !== plexParam(c, "X-Plex-Client-Identifier"))
    return plexTvError(404, undefined, 1020);
  return c.json(pinJson(pin));
});

function claim(pin: Pin | undefined): Response {
  if (!pin) return plexTvError(404, "No such PIN id or code");
  if (!live(pin)) return plexTvError(410, "The PIN has expired");
  pin.authToken = PLEX_SIM_TOKEN;
  return Response.json(pinJson(pin));
}

app.post("/__pins/:idOrCode/claim", (c) => claim(pinFor(c.req.param("idOrCode"))));

app.post("/__pins/:idOrCode/expire", (c) => {
  const pin = pinFor(c.req.param("idOrCode"));
  if (!pin) return plexTvError(404, "No such PIN id or code");
  pin.expiresAtMs = clock.now() - 1;
  return c.json(pinJson(pin));
});

// app.plex.tv's sign-in page: the PIN code and where to go back come in the fragment.
const AUTH_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plex sign-in (simulator)</title></head>
<body><h1>Sign in to Plex</h1><p>Simulated plex.tv (demo data): allowing signs in the demo account.</p>
<p id="what"></p><button id="allow" type="button">Allow</button><p id="result" role="status"></p>
<script>
const params = new URLSearchParams(location.hash.replace(/^#!?\\??/, ""));
const code = params.get("code") || "";
document.getElementById("what").textContent = (params.get("context[device][product]") || "An app") + " asks to sign in (code " + code + ").";
document.getElementById("allow").onclick = async () => {
  const res = await fetch("__pins/" + encodeURIComponent(code) + "/claim", { method: "POST" });
  const forward = params.get("forwardUrl");
  if (res.ok && forward) location.href = forward;
  else document.getElementById("result").textContent = res.ok ? "Signed in: you can close this window." : "This code has expired or is unknown.";
};
</script></body></html>`;

app.get("/auth", (c) => c.html(AUTH_PAGE));
