import { expect } from "vitest";
import { call } from "../helpers";
import { contractErrors, operationKey, radarrOperations } from "../radarrContract";

/**
 * The conformance harness: `check` calls one operation as Radarr names it, expects a 2xx and
 * validates the body against Radarr's schema. Areas of the API live in files beside this one
 * (one function per area, taking `check` and the ids made before it) and are called in order by
 * `radarr-conformance.test.ts`, which asserts every shared operation was called.
 */

export interface Resource {
  id: number;
  [field: string]: unknown;
}

export const radarr = new Map(radarrOperations().map((op) => [op.key, op]));
export const MATRIX = 603;
export const RELOADED = 604;
export const MATRIX_COLLECTION = 2344;

export function conformance() {
  const called = new Set<string>();
  const validated = new Set<string>();
  const mismatches: string[] = [];

  /** Calls one operation (named as Radarr names it), expects a 2xx, validates the body. */
  async function check<T = Resource>(operation: string, url: string, body?: unknown, key?: null): Promise<T> {
    const [method, template] = operation.split(" ");
    const res = await call(method, url, { body, key });
    const text = await res.text();
    expect(res.status, `${method} ${url}: ${text.slice(0, 500)}`).toBeLessThan(300);
    const opKey = operationKey(method, template);
    called.add(opKey);
    const schema = radarr.get(opKey)?.schema;
    const isJson = res.headers.get("content-type")?.includes("json");
    // Not every answer is JSON: the iCal feed, the covers.
    const json = text && isJson ? JSON.parse(text) : undefined;
    if (schema && isJson) {
      validated.add(opKey);
      // Radarr's bulk edits answer the list of resources edited; its OpenAPI documents one.
      const listed = method === "PUT" && template.endsWith("/bulk") && Array.isArray(json) && schema.$ref;
      for (const error of (listed ? json : [json]).flatMap((body: unknown) => contractErrors(schema, body))) {
        if (!mismatches.includes(`${operation}: ${error}`)) mismatches.push(`${operation}: ${error}`);
      }
    }
    return json as T;
  }
  return { check, called, validated, mismatches };
}

export type Check = ReturnType<typeof conformance>["check"];

/** What the areas before an extra area made, for it to build on. */
interface AreaContext {
  /** A library movie (The Matrix) with queued and blocklisted releases; deleted after the areas. */
  movieId: number;
  profileId: number;
  downloadClientId: number;
  indexerId: number;
}

/** One area of Radarr's API: calls its operations through `check`. */
export type Area = (check: Check, context: AreaContext) => Promise<void>;
