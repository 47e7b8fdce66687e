import { type Env, isDeployed } from "../config";
import { invalidInput } from "../domain/failures/failure";
import { unreachableHostKind, urlHost } from "../domain/validation/privateHosts";

/** The settings fields that hold where a download client (`host`) or an indexer (`baseUrl`) lives. */
const ADDRESS_FIELDS = { host: (value: string) => value, baseUrl: urlHost } as const;

/**
 * On Cloudflare (DEPLOYED), refuses a download client or indexer address on a private network:
 * a Worker's fetch leaves from Cloudflare's edge, where 127.0.0.1 or 192.168.x.x is never the
 * user's machine. Locally (npm start, tests) loopback and LAN hosts stay allowed.
 */
export function assertReachableFromWorker(env: Env, fields: readonly { name: string; value?: unknown }[]): void {
  if (!isDeployed(env)) return;
  for (const field of fields) {
    const hostOf = ADDRESS_FIELDS[field.name as keyof typeof ADDRESS_FIELDS];
    if (!hostOf || typeof field.value !== "string" || field.value.trim() === "") continue;
    const host = hostOf(field.value.trim());
    const kind = host === undefined ? undefined : unreachableHostKind(host);
    if (kind)
      throw invalidInput(
        `body.fields.${field.name}`,
        `${host} is ${kind}, which this Worker on Cloudflare cannot reach; publish the service through a Cloudflare Tunnel with Access and use its https address (see docs/remote-services.md)`,
      );
  }
}
