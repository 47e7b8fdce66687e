import { ApiError, type ProviderResource } from "../api";

type Problem = { path: string; message: string };

/** What is wrong with one implementation field's value, before the server is asked. */
function fieldProblem(field: ProviderResource["fields"][number]): string | undefined {
  const value = field.value;
  const text = typeof value === "string" ? value.trim() : "";
  // A stored secret comes back masked and is sent back so; the server keeps what it holds.
  if (/^\*+$/.test(text)) return undefined;
  if ((field.type === "url" || /url$/i.test(field.name)) && text && !/^https?:\/\/[^\s/?#]+/i.test(text))
    return "Enter a web address starting with http:// or https://.";
  if (field.name === "host") {
    if (!text) return "Enter the host name or IP address.";
    if (/[\s/?#]|^https?:/i.test(text)) return "Enter only the host name, without http://, a path or spaces.";
  }
  if (field.type === "number" && value !== undefined && value !== null && value !== "") {
    const n = Number(value);
    if (!Number.isFinite(n)) return "Enter a number.";
    if (field.name === "port" && (!Number.isInteger(n) || n < 1 || n > 65535)) return "Enter a port from 1 to 65535.";
  }
  return undefined;
}

/**
 * Checks a provider form before it is sent: a name, and addresses, hosts and ports that can
 * work. Throws the problems as the server would (an ApiError with field paths), so they show
 * next to their fields in words; returns when there are none.
 */
export function checkProviderForm(resource: ProviderResource, noun: string): void {
  const problems: Problem[] = [];
  if (!resource.name.trim()) problems.push({ path: "body.name", message: `Give this ${noun} a name.` });
  for (const field of resource.fields) {
    const message = fieldProblem(field);
    if (message) problems.push({ path: `body.fields.${field.name}`, message });
  }
  if (problems.length) throw new ApiError(400, "Validation failed: some settings need changing", problems);
}
