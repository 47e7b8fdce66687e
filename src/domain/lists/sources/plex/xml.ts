/**
 * A small, strict XML reader for feeds (Workers have no DOMParser). It builds a plain element
 * tree: names as written (prefixes kept, e.g. "media:thumbnail"), attributes, text with the five
 * XML entities and numeric character references decoded, CDATA as text. Comments, processing
 * instructions and a DOCTYPE are skipped. Anything not well formed (a tag left open, a mismatched
 * close tag, a document that stops half way) throws a parseError Failure naming the line it happened on.
 */

import { Failure } from "../../../failures/failure";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
type XmlNode = XmlElement | string;

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#\d+|#x[\da-fA-F]+|[A-Za-z][\w.-]*);/g, (whole, ref: string) => {
    if (ref[0] !== "#") return XML_ENTITIES[ref] ?? whole;
    const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const NAME = /[A-Za-z_:][-\w:.]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;

export function parseXml(text: string): XmlElement {
  const lineAt = (index: number) => {
    let line = 1;
    for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  };
  function fail(message: string, index: number): never {
    throw new Failure("parseError", `${message} (line ${lineAt(index)})`);
  }
  const skipPast = (marker: string, from: number, what: string): number => {
    const end = text.indexOf(marker, from);
    if (end === -1) fail(`The document ends inside ${what}`, from);
    return end + marker.length;
  };

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const addText = (value: string, at: number) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (value.trim()) fail("Text outside the root element", at);
      return;
    }
    const last = parent.children[parent.children.length - 1];
    if (typeof last === "string") parent.children[parent.children.length - 1] = last + value;
    else parent.children.push(value);
  };

  while (i < text.length) {
    const lt = text.indexOf("<", i);
    if (lt === -1) {
      addText(decodeEntities(text.slice(i)), i);
      break;
    }
    if (lt > i) addText(decodeEntities(text.slice(i, lt)), i);

    if (text.startsWith("<!--", lt)) {
      i = skipPast("-->", lt + 4, "a comment");
    } else if (text.startsWith("<![CDATA[", lt)) {
      const end = skipPast("]]>", lt + 9, "a CDATA section");
      addText(text.slice(lt + 9, end - 3), lt);
      i = end;
    } else if (text.startsWith("<?", lt)) {
      i = skipPast("?>", lt + 2, "a processing instruction");
    } else if (text.startsWith("<!", lt)) {
      const bracket = text.indexOf("[", lt);
      const close = text.indexOf(">", lt);
      i =
        bracket !== -1 && close !== -1 && bracket < close
          ? skipPast("]>", bracket, "a DOCTYPE")
          : skipPast(">", lt, "a declaration");
    } else if (text[lt + 1] === "/") {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(text)?.[0];
      if (!name) fail("A closing tag without a name", lt);
      TAG_END.lastIndex = NAME.lastIndex;
      const end = TAG_END.exec(text);
      if (!end || end[1]) fail(`A malformed closing tag </${name}`, lt);
      const open = stack.pop();
      if (!open) fail(`A closing tag </${name}> with nothing open`, lt);
      if (open.name !== name) fail(`Expected </${open.name}> but found </${name}>`, lt);
      i = TAG_END.lastIndex;
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) fail("A '<' that does not start a tag (write it as &lt;)", lt);
      const element: XmlElement = { name, attributes: {}, children: [] };
      let at = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const attribute = ATTRIBUTE.exec(text);
        if (!attribute) break;
        element.attributes[attribute[1]] = decodeEntities(attribute[2] ?? attribute[3]);
        at = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = at;
      const end = TAG_END.exec(text);
      if (!end) {
        fail(
          text.indexOf(">", at) === -1 ? `The document ends inside the tag <${name}` : `A malformed tag <${name}`,
          lt,
        );
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail(`A second root element <${name}>`, lt);
      else root = element;
      if (!end[1]) stack.push(element);
      i = TAG_END.lastIndex;
    }
  }
  if (stack.length > 0) {
    fail(`The document ends inside <${stack[stack.length - 1].name}>: it looks truncated`, text.length);
  }
  if (!root) fail("The document has no root element", 0);
  return root;
}

/** The child elements of an element, optionally only those with one name. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => typeof child !== "string" && (name === undefined || child.name === name),
  );
}

/** The first child element with a name. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return childElements(element, name)[0];
}

/** All text inside an element, its descendants' included, trimmed. */
export function textContent(element: XmlElement | undefined): string {
  if (!element) return "";
  const parts: string[] = [];
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (typeof child === "string") parts.push(child);
      else walk(child);
    }
  };
  walk(element);
  return parts.join("").trim();
}
