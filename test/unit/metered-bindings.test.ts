import { describe, expect, test } from "vitest";
import { meteredBindings } from "../../src/observability/meteredBindings";
import { counterValues } from "../../src/observability/metrics";

const value = (service: string, op: string, binding: string) =>
  counterValues("radarr_cf_operations_total").find(
    (v) => v.labels.service === service && v.labels.op === op && v.labels.binding === binding,
  )?.value ?? 0;

describe("meteredBindings", () => {
  test("counts KV operations, Durable Object requests and Queue messages, and passes calls through", async () => {
    const stored = new Map<string, string>();
    const kv = {
      get: async (key: string | string[]) => (Array.isArray(key) ? key.map((k) => stored.get(k)) : stored.get(key)),
      getWithMetadata: async (key: string) => ({ value: stored.get(key), metadata: null }),
      put: async (key: string, v: string) => void stored.set(key, v),
      delete: async (key: string) => void stored.delete(key),
      list: async () => ({ keys: [...stored.keys()] }),
    };
    const sent: unknown[] = [];
    const queue = {
      send: async (m: unknown) => void sent.push(m),
      sendBatch: async (ms: unknown[]) => void sent.push(...ms),
    };
    const stub = { id: "one", hello: async (n: number) => n + 1 };
    const namespace = { idFromName: (name: string) => name, get: (_id: string) => stub };
    const env = meteredBindings({ KV: kv, Q: queue, DO: namespace, PLAIN: "text" });

    await env.KV.put("a", "1");
    expect(await env.KV.get("a")).toBe("1");
    expect(await env.KV.get(["a", "b"])).toEqual(["1", undefined]);
    await env.KV.getWithMetadata("a");
    await env.KV.list();
    await env.KV.delete("a");
    await env.Q.send({ n: 1 });
    await env.Q.sendBatch([{ n: 2 }, { n: 3 }]);
    const object = env.DO.get(env.DO.idFromName("x"));
    expect(object.id).toBe("one");
    expect(await object.hello(1)).toBe(2);
    await object.hello(2);

    expect(env.PLAIN).toBe("text");
    expect(sent).toHaveLength(3);
    expect([
      value("kv", "write", "KV"),
      value("kv", "read", "KV"),
      value("kv", "list", "KV"),
      value("kv", "delete", "KV"),
      value("queue", "message", "Q"),
      value("durable_object", "request", "DO"),
    ]).toEqual([1, 4, 1, 1, 3, 2]);
  });
});
