/**
 * The Pages Function behind every server path of the site on Pages (functions/): the request goes
 * to the Worker over the API service binding as it came (method, URL with its query, headers with
 * the session cookie, body), and the Worker's response comes back as it is, streamed, Set-Cookie
 * included. The URL keeps the Pages host, so the Worker sees the origin the browser uses (the
 * cookie's Secure flag and HSTS follow its https).
 */
interface PagesEnv {
  /** The Worker (pages/wrangler.toml [[services]]). */
  API: Fetcher;
}

export const forwardToWorker: PagesFunction<PagesEnv> = ({ request, env }) => env.API.fetch(request);
