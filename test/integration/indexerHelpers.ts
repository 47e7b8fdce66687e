import { env } from "cloudflare:workers";

/** Indexer bodies and simulator call logs shared by the indexer, release and analysis tests. */

export const SIM = env.TMDB_API_URL.replace(/\/tmdb$/, "");

export interface CallRecord {
  path: string;
  query: string;
  status: number | null;
}

/** A fresh API key per indexer, so the simulator's call log can be read for this test alone. */
export const uniqueKey = () => `key-${crypto.randomUUID()}`;

export function torznab(apiKey = uniqueKey(), extra: Record<string, unknown> = {}) {
  return {
    name: `Torznab ${apiKey.slice(-6)}`,
    implementation: "Torznab",
    fields: [
      { name: "baseUrl", value: `${SIM}/torznab` },
      { name: "apiKey", value: apiKey },
    ],
    ...extra,
  };
}

export function newznab(apiKey = uniqueKey()) {
  return {
    name: `Newznab ${apiKey.slice(-6)}`,
    implementation: "Newznab",
    fields: [
      { name: "baseUrl", value: `${SIM}/newznab` },
      { name: "apiKey", value: apiKey },
    ],
  };
}

export function hdbits(passkey = uniqueKey()) {
  return {
    name: `HDBits ${passkey.slice(-6)}`,
    implementation: "HDBits",
    fields: [
      { name: "username", value: "demo" },
      { name: "apiKey", value: passkey },
    ],
  };
}

/** The simulator's recent calls to a service that carried this API key. */
export async function callsWith(service: string, apiKey: string): Promise<CallRecord[]> {
  const res = await fetch(`${SIM}/__sim/calls/log?service=${service}&limit=1000`);
  const { calls } = await res.json<{ calls: CallRecord[] }>();
  return calls.filter((c) => c.query.includes(encodeURIComponent(apiKey)) || c.query.includes(apiKey));
}
