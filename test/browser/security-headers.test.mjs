import assert from "node:assert/strict";
import { test } from "node:test";
import { environment, withPage } from "./harness.mjs";

/** The headers every response of the site and the API carries (src/api/middleware/securityHeaders.ts). */
function assertSecurityHeaders(headers, what, scriptSrc = "script-src 'self'(;|$)") {
  assert.equal(headers["x-content-type-options"], "nosniff", `${what}: nosniff`);
  assert.equal(headers["x-frame-options"], "DENY", `${what}: X-Frame-Options`);
  assert.equal(headers["referrer-policy"], "no-referrer", `${what}: Referrer-Policy`);
  assert.equal(headers["cross-origin-opener-policy"], "same-origin", `${what}: COOP`);
  assert.match(headers["permissions-policy"] ?? "", /camera=\(\)/, `${what}: Permissions-Policy`);
  const csp = headers["content-security-policy"] ?? "";
  assert.match(csp, /default-src 'self'/, `${what}: CSP default-src`);
  assert.match(csp, new RegExp(scriptSrc), `${what}: CSP script-src`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.equal(headers["strict-transport-security"], undefined, `${what}: no HSTS over http`);
}

test("the site's page and bundles carry the security headers, images from the simulator", async (t) => {
  await withPage(t, async (page, env) => {
    const response = await page.goto("/movie/603");
    const headers = response.headers();
    assert.match(headers["content-type"], /text\/html/);
    assertSecurityHeaders(headers, "index.html");
    // Demo mode: the Worker derives img-src from TMDB_IMAGE_URL, here the simulator.
    assert.match(
      headers["content-security-policy"],
      new RegExp(`img-src 'self' data: ${new URL(env.simUrl).origin}(;|$)`),
    );

    // The hashed bundles are served by the assets layer without the Worker: the build's _headers.
    const script = await page.locator("script[src^='/assets/']").getAttribute("src");
    const bundle = await page.request.get(script);
    assert.equal(bundle.status(), 200);
    assertSecurityHeaders(bundle.headers(), script);
  });
});

test("the API docs page runs its inline script under the policy (allowed by hash)", async (t) => {
  await withPage(t, async (page) => {
    const response = await page.goto("/api/docs");
    assertSecurityHeaders(response.headers(), "/api/docs", "script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)");
    await page.getByText("/api/v3/system/status", { exact: true }).waitFor();
  });
});

test("the policy is enforced: a script the page did not ship is refused", async () => {
  // A bare context, not withPage: the violation withPage would fail on is what this test expects.
  const env = await environment();
  const context = await env.browser.newContext({ baseURL: env.appUrl });
  try {
    const page = await context.newPage();
    await page.goto("/");
    const outcome = await page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), { once: true });
          const script = document.createElement("script");
          script.textContent = "window.injectedRan = true";
          document.body.append(script);
          setTimeout(() => resolve(window.injectedRan ? "ran" : "no report"), 2000);
        }),
    );
    assert.equal(outcome, "script-src-elem");
  } finally {
    await context.close();
  }
});
