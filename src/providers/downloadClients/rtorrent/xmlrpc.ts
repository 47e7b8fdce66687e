/**
 * A small XML-RPC encoder and decoder (https://xmlrpc.com/spec.md), enough for rTorrent: strings,
 * integers (i4/i8/int), booleans, doubles, base64, arrays, structs and nil; faults. Pure.
 */
import { bytesToBase64 } from "../http";

export type XmlRpcValue =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | XmlRpcValue[]
  | { [name: string]: XmlRpcValue };

export class XmlRpcFault extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class XmlRpcParseError extends Error {}

const xmlEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const xmlUnescape = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, "&");

function encodeValue(value: XmlRpcValue): string {
  if (value === null) return "<value><nil/></value>";
  if (typeof value === "string") return `<value><string>${xmlEscape(value)}</string></value>`;
  if (typeof value === "boolean") return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return `<value><double>${value}</double></value>`;
    return Math.abs(value) < 2 ** 31 ? `<value><i4>${value}</i4></value>` : `<value><i8>${value}</i8></value>`;
  }
  if (value instanceof Uint8Array) return `<value><base64>${bytesToBase64(value)}</base64></value>`;
  if (Array.isArray(value)) return `<value><array><data>${value.map(encodeValue).join("")}</data></array></value>`;
  const members = Object.entries(value).map(
    ([name, member]) => `<member><name>${xmlEscape(name)}</name>${encodeValue(member)}</member>`,
  );
  return `<value><struct>${members.join("")}</struct></value>`;
}

/** A `<methodCall>` document. */
export function encodeCall(method: string, params: readonly XmlRpcValue[]): string {
  const encoded = params.map((param) => `<param>${encodeValue(param)}</param>`).join("");
  return `<?xml version="1.0"?><methodCall><methodName>${xmlEscape(method)}</methodName><params>${encoded}</params></methodCall>`;
}

interface Element {
  name: string;
  children: Element[];
  text: string;
}

/** The document as elements (declarations, comments and attributes skipped). */
function parseXml(xml: string): Element {
  const root: Element = { name: "#root", children: [], text: "" };
  const stack = [root];
  const tokens = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z0-9_.:-]+)[^>]*?(\/?)>|([^<]+)/g;
  for (const [, closing, name, selfClosing, text] of xml.matchAll(tokens)) {
    const top = stack[stack.length - 1];
    if (text !== undefined) top.text += text;
    else if (!name) continue;
    else if (closing) {
      if (top.name !== name) throw new XmlRpcParseError(`unexpected </${name}>`);
      stack.pop();
    } else {
      const element: Element = { name, children: [], text: "" };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new XmlRpcParseError("unclosed elements");
  return root;
}

function child(element: Element, name: string): Element {
  const found = element.children.find((c) => c.name === name);
  if (!found) throw new XmlRpcParseError(`<${element.name}> has no <${name}>`);
  return found;
}

function decodeValue(value: Element): XmlRpcValue {
  const [typed] = value.children;
  if (!typed) return xmlUnescape(value.text);
  const text = xmlUnescape(typed.text);
  switch (typed.name) {
    case "string":
      return text;
    case "i4":
    case "i8":
    case "int":
    case "double":
      return Number(text.trim());
    case "boolean":
      return text.trim() === "1";
    case "nil":
      return null;
    case "base64":
      return Uint8Array.from(atob(text.replace(/\s+/g, "")), (c) => c.charCodeAt(0));
    case "array":
      return child(typed, "data").children.map(decodeValue);
    case "struct":
      return Object.fromEntries(
        typed.children.map((member) => [xmlUnescape(child(member, "name").text), decodeValue(child(member, "value"))]),
      );
    default:
      throw new XmlRpcParseError(`unknown type <${typed.name}>`);
  }
}

/** The value a `<methodResponse>` carries; throws XmlRpcFault for a `<fault>`. */
export function decodeResponse(xml: string): XmlRpcValue {
  const response = child(parseXml(xml), "methodResponse");
  const fault = response.children.find((c) => c.name === "fault");
  if (fault) {
    const detail = decodeValue(child(fault, "value")) as Record<string, XmlRpcValue>;
    throw new XmlRpcFault(Number(detail?.faultCode ?? 0), String(detail?.faultString ?? "fault"));
  }
  const [param] = child(response, "params").children;
  return param ? decodeValue(child(param, "value")) : null;
}

/** A `<methodCall>`'s method and params (the simulator's side). */
export function decodeCall(xml: string): { method: string; params: XmlRpcValue[] } {
  const call = child(parseXml(xml), "methodCall");
  const params = call.children.find((c) => c.name === "params");
  return {
    method: xmlUnescape(child(call, "methodName").text).trim(),
    params: (params?.children ?? []).map((param) => decodeValue(child(param, "value"))),
  };
}

/** A `<methodResponse>` with one value, or a fault (the simulator's side). */
export function encodeResponse(value: XmlRpcValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?><methodResponse><params><param>${encodeValue(value)}</param></params></methodResponse>`;
}

export function encodeFault(code: number, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><methodResponse><fault>${encodeValue({ faultCode: code, faultString: message })}</fault></methodResponse>`;
}
