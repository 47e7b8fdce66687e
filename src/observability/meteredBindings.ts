import { incrementCounter } from "./metrics";

/**
 * The billed operations on the Worker's other bindings, counted as they are made: KV reads,
 * writes, deletes and lists, Durable Object requests (each RPC call or fetch on a stub), and
 * Queue messages sent. They go into `radarr_cf_operations_total{service,op,binding}` beside the D1
 * rows (meteredD1.ts), so /metrics and `npm run bench -- --cost` see what a workload costs.
 * Each entry point (fetch, queue, scheduled, a Durable Object's constructor) wraps its env once.
 */

type Counted = "kv" | "durable_object" | "queue";

function count(service: Counted, op: string, binding: string, by = 1): void {
  incrementCounter(
    "radarr_cf_operations_total",
    "Billed Cloudflare operations (KV, Durable Object requests, Queue messages) by binding",
    { service, op, binding },
    by,
  );
}

const KV_OPS: Record<string, string> = {
  get: "read",
  getWithMetadata: "read",
  put: "write",
  delete: "delete",
  list: "list",
};

/** A method-call wrapper: `counted(name, args)` says what to count for a call, undefined for nothing. */
function countingProxy<T extends object>(target: T, counted: (method: string, args: unknown[]) => void): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop);
      if (typeof value !== "function" || typeof prop !== "string" || prop === "then") return value;
      return (...args: unknown[]) => {
        counted(prop, args);
        return Reflect.apply(value, t, args);
      };
    },
  });
}

function meterKv(kv: object, binding: string) {
  return countingProxy(kv, (method, args) => {
    const op = KV_OPS[method];
    // A bulk get (an array of keys) is one read per key.
    if (op) count("kv", op, binding, op === "read" && Array.isArray(args[0]) ? args[0].length : 1);
  });
}

function meterQueue(queue: object, binding: string) {
  return countingProxy(queue, (method, args) => {
    if (method === "send") count("queue", "message", binding);
    if (method === "sendBatch") count("queue", "message", binding, (args[0] as unknown[]).length);
  });
}

const STUB_PLUMBING = new Set(["toString", "valueOf", "toJSON"]);

function meterDurableObjects(namespace: object, binding: string) {
  const stub = (s: object) =>
    countingProxy(s, (method) => {
      if (!STUB_PLUMBING.has(method)) count("durable_object", "request", binding);
    });
  return new Proxy(namespace, {
    get(t, prop) {
      const value = Reflect.get(t, prop);
      if (typeof value !== "function") return value;
      if (prop !== "get" && prop !== "getByName") return value.bind(t);
      return (...args: unknown[]) => stub(Reflect.apply(value, t, args));
    },
  });
}

const hasMethod = (value: unknown, name: string) =>
  typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)[name] === "function";

// One wrapper per binding object, so a wrapped KV namespace stays the same object from request to
// request (the KV cache's in-memory copies are tied to the namespace they came from). Wrappers
// hold nothing but the binding: keyed weakly by it, they go when it goes.
const wrappers = new WeakMap<object, object>();

function wrapped(binding: object, name: string): object {
  let wrapper = wrappers.get(binding);
  if (!wrapper) {
    if (hasMethod(binding, "getWithMetadata")) wrapper = meterKv(binding, name);
    else if (hasMethod(binding, "idFromName")) wrapper = meterDurableObjects(binding, name);
    else wrapper = meterQueue(binding, name);
    wrappers.set(binding, wrapper);
  }
  return wrapper;
}

const METERED = ["getWithMetadata", "idFromName", "sendBatch"];

/** The env with its KV namespaces, Durable Object namespaces and Queues counted (D1 is metered apart). */
export function meteredBindings<E extends object>(env: E): E {
  const out: Record<string, unknown> = { ...(env as Record<string, unknown>) };
  for (const [name, binding] of Object.entries(env)) {
    if (METERED.some((method) => hasMethod(binding, method))) out[name] = wrapped(binding as object, name);
  }
  return out as E;
}
