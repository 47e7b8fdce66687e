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
  return new XmlReader(text).read();
}

/** Reads a document left to right, keeping the open elements on a stack. */
class XmlReader {
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private i: number;

  constructor(private readonly text: string) {
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  read(): XmlElement {
    const { text } = this;
    while (this.i < text.length) {
      const lt = text.indexOf("<", this.i);
      if (lt === -1) {
        this.addText(decodeEntities(text.slice(this.i)), this.i);
        break;
      }
      if (lt > this.i) this.addText(decodeEntities(text.slice(this.i, lt)), this.i);
      if (text.startsWith("<!--", lt)) this.i = this.skipPast("-->", lt + 4, "a comment");
      else if (text.startsWith("<![CDATA[", lt)) this.readCdata(lt);
      else if (text.startsWith("<?", lt)) this.i = this.skipPast("?>", lt + 2, "a processing instruction");
      else if (text.startsWith("<!", lt)) this.skipDeclaration(lt);
      else if (text[lt + 1] === "/") this.readClosingTag(lt);
      else this.readOpeningTag(lt);
    }
    const open = this.stack[this.stack.length - 1];
    if (open) this.fail(`The document ends inside <${open.name}>: it looks truncated`, text.length);
    if (!this.root) this.fail("The document has no root element", 0);
    return this.root;
  }

  private fail(message: string, index: number): never {
    let line = 1;
    for (let i = 0; i < index && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) line++;
    throw new Failure("parseError", `${message} (line ${line})`);
  }

  private skipPast(marker: string, from: number, what: string): number {
    const end = this.text.indexOf(marker, from);
    if (end === -1) this.fail(`The document ends inside ${what}`, from);
    return end + marker.length;
  }

  private addText(value: string, at: number) {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      if (value.trim()) this.fail("Text outside the root element", at);
      return;
    }
    const last = parent.children[parent.children.length - 1];
    if (typeof last === "string") parent.children[parent.children.length - 1] = last + value;
    else parent.children.push(value);
  }

  private readCdata(lt: number) {
    const end = this.skipPast("]]>", lt + 9, "a CDATA section");
    this.addText(this.text.slice(lt + 9, end - 3), lt);
    this.i = end;
  }

  private skipDeclaration(lt: number) {
    const bracket = this.text.indexOf("[", lt);
    const close = this.text.indexOf(">", lt);
    this.i =
      bracket !== -1 && close !== -1 && bracket < close
        ? this.skipPast("]>", bracket, "a DOCTYPE")
        : this.skipPast(">", lt, "a declaration");
  }

  private readClosingTag(lt: number) {
    NAME.lastIndex = lt + 2;
    const name = NAME.exec(this.text)?.[0];
    if (!name) this.fail("A closing tag without a name", lt);
    TAG_END.lastIndex = NAME.lastIndex;
    const end = TAG_END.exec(this.text);
    if (!end || end[1]) this.fail(`A malformed closing tag </${name}`, lt);
    const open = this.stack.pop();
    if (!open) this.fail(`A closing tag </${name}> with nothing open`, lt);
    if (open.name !== name) this.fail(`Expected </${open.name}> but found </${name}>`, lt);
    this.i = TAG_END.lastIndex;
  }

  private readOpeningTag(lt: number) {
    const { text } = this;
    NAME.lastIndex = lt + 1;
    const name = NAME.exec(text)?.[0];
    if (!name) this.fail("A '<' that does not start a tag (write it as &lt;)", lt);
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
      this.fail(
        text.indexOf(">", at) === -1 ? `The document ends inside the tag <${name}` : `A malformed tag <${name}`,
        lt,
      );
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children.push(element);
    else if (this.root) this.fail(`A second root element <${name}>`, lt);
    else this.root = element;
    if (!end[1]) this.stack.push(element);
    this.i = TAG_END.lastIndex;
  }
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
  // Most elements hold one text (the reader joins adjacent text and CDATA).
  const only = element.children.length === 1 ? element.children[0] : undefined;
  if (typeof only === "string") return only.trim();
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
