import { z } from "zod";
import { readJson } from "../../../integrations/http";
import { baseUrl, type ClientContext, clientError, clientFetch } from "../http";
import type { DelugeSettings } from "./settings";

export const SERVICE = "deluge";

/** Deluge's Web UI answers every call with `{result, error: {message, code} | null, id}`. */
const responseSchema = z.object({
  result: z.unknown().optional(),
  error: z.object({ message: z.string(), code: z.number() }).nullable().default(null),
  id: z.union([z.number(), z.string()]).nullish(),
});

/** Deluge's JSON-RPC error codes: 1 not authenticated, 2 unknown method, 3+ the call raised. */
const NOT_AUTHENTICATED = 1;
const UNKNOWN_METHOD = 2;

export class DelugeRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
  get unknownMethod(): boolean {
    return this.code === UNKNOWN_METHOD;
  }
}

const hostsSchema = z.array(z.tuple([z.string(), z.string(), z.number()]).rest(z.unknown()));

/**
 * Deluge's Web UI JSON-RPC (`POST <urlBase>/json`): `auth.login` with the Web UI password sets
 * the `_session_id` cookie every later call carries; the Web UI must be connected to a daemon
 * (`web.connected`, else `web.get_hosts` + `web.connect` to the first). The session lives with
 * this client (one configured row, one request or job): nothing is kept in isolate memory.
 */
export class DelugeRpc {
  private readonly url: string;
  private cookie: string | undefined;
  private ready = false;
  private nextId = 1;

  constructor(
    private readonly settings: DelugeSettings,
    private readonly context: ClientContext,
  ) {
    this.url = `${baseUrl(settings)}/json`;
  }

  private async post(method: string, params: unknown[], adding = false): Promise<z.infer<typeof responseSchema>> {
    const response = await clientFetch(SERVICE, this.settings, this.context, {
      url: this.url,
      init: {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          ...(this.cookie ? { cookie: `_session_id=${this.cookie}` } : {}),
        },
        body: JSON.stringify({ method, params, id: this.nextId++ }),
      },
      adding,
    });
    const cookie = /(?:^|[;,]\s*)_session_id=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
    if (cookie) this.cookie = cookie;
    return readJson(SERVICE, response, responseSchema);
  }

  private async login(): Promise<void> {
    this.cookie = undefined;
    const body = await this.post("auth.login", [this.settings.password]);
    if (body.error || body.result !== true || !this.cookie)
      throw clientError(SERVICE, "authenticationFailed", "Deluge rejected the Web UI password");
  }

  /** Logs in and makes sure the Web UI talks to a daemon. */
  private async connect(): Promise<void> {
    await this.login();
    if ((await this.raw("web.connected", [])) === true) {
      this.ready = true;
      return;
    }
    const hosts = hostsSchema.safeParse(await this.raw("web.get_hosts", []));
    const host = hosts.success ? hosts.data[0] : undefined;
    if (!host) throw clientError(SERVICE, "connectionFailed", "Deluge's Web UI knows no daemon to connect to");
    await this.raw("web.connect", [host[0]]);
    if ((await this.raw("web.connected", [])) !== true)
      throw clientError(
        SERVICE,
        "connectionFailed",
        `Deluge's Web UI could not connect to the daemon ${host[1]}:${host[2]}`,
      );
    this.ready = true;
  }

  private async raw(method: string, params: unknown[], adding = false): Promise<unknown> {
    const body = await this.post(method, params, adding);
    if (body.error) throw new DelugeRpcError(method, body.error.code, body.error.message);
    return body.result ?? null;
  }

  /** One call on a connected session; logs in again once when Deluge forgot the session. */
  async call(method: string, params: unknown[], adding = false): Promise<unknown> {
    if (!this.ready) await this.connect();
    try {
      return await this.raw(method, params, adding);
    } catch (error) {
      if (!(error instanceof DelugeRpcError)) throw error;
      if (error.code !== NOT_AUTHENTICATED) throw error;
      await this.connect();
      return this.raw(method, params, adding);
    }
  }
}

/** A DelugeRpcError as the upstream Failure it is (the message classified by the taxonomy). */
export function delugeFailure(error: unknown, what: string): unknown {
  if (!(error instanceof DelugeRpcError)) return error;
  if (error.unknownMethod)
    return clientError(
      SERVICE,
      "upstreamError",
      `Deluge does not know ${error.method} (${what}): is the plugin enabled?`,
    );
  return clientError(SERVICE, "upstreamError", `Deluge ${error.method} failed (${what}): ${error.message}`);
}
