/**
 * An incremental CSV reader (RFC 4180): feed it text in pieces of any size and it returns the
 * records completed so far. Quoted fields may hold commas, doubled quotes and line breaks, and a
 * piece may end anywhere (inside a quoted field, between the two quotes of an escape, between CR
 * and LF). A leading byte order mark is dropped; blank lines are skipped. Pure: no I/O.
 */

import { Failure } from "../../domain/failures/failure";

/** A text that is not well-formed CSV (a parseError; the caller names the file and the service). */
const csvFormatError = (message: string) => new Failure("parseError", message);

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

type State =
  /** At the start of a field. */
  | "fieldStart"
  /** Inside an unquoted field. */
  | "unquoted"
  /** Inside a quoted field. */
  | "quoted"
  /** Just read a quote inside a quoted field: an escaped quote if another follows, else the end. */
  | "quoteInQuoted"
  /** After a quoted field's closing quote. */
  | "afterQuoted";

export class CsvRecordReader {
  private state: State = "fieldStart";
  private field = "";
  private record: string[] = [];
  private started = false;
  /** The previous piece ended a record with CR: an LF that follows belongs to it. */
  private pendingCr = false;
  /** Records completed so far, blank lines excluded (for error messages). */
  recordCount = 0;

  /** Reads the next piece of text; returns the records it completed. */
  push(text: string): string[][] {
    const out: string[][] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    while (i < n) {
      if (this.state === "quoted") {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          this.field += text.slice(i);
          break;
        }
        this.field += text.slice(i, quote);
        this.state = "quoteInQuoted";
        i = quote + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.state === "quoteInQuoted") {
        if (c === QUOTE) {
          this.field += '"';
          this.state = "quoted";
          i++;
          continue;
        }
        this.state = "afterQuoted";
      }
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (c === COMMA) {
        this.endField();
        i++;
      } else if (c === LF || c === CR) {
        this.endField();
        const record = this.takeRecord();
        if (record) out.push(record);
        this.pendingCr = c === CR;
        i++;
      } else if (this.state === "afterQuoted") {
        throw csvFormatError(`unexpected text after a closing quote in record ${this.recordCount + 1}`);
      } else if (c === QUOTE && this.state === "fieldStart") {
        this.state = "quoted";
        i++;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === COMMA || d === LF || d === CR) break;
          j++;
        }
        this.field += text.slice(i, j);
        this.state = "unquoted";
        i = j;
      }
    }
    return out;
  }

  /** Ends the input: returns the last record if the text did not end with a line break. */
  end(): string[][] {
    if (this.state === "quoted") {
      throw csvFormatError(`the file ends inside a quoted field (record ${this.recordCount + 1}); it looks truncated`);
    }
    if (this.state === "fieldStart" && this.record.length === 0) return [];
    this.endField();
    const record = this.takeRecord();
    return record ? [record] : [];
  }

  private endField() {
    this.record.push(this.field);
    this.field = "";
    this.state = "fieldStart";
  }

  private takeRecord(): string[] | null {
    const record = this.record;
    this.record = [];
    if (record.length === 1 && record[0] === "") return null;
    this.recordCount++;
    return record;
  }
}

/** Every record of a whole text at once (small inputs and tests). */
export function parseCsv(text: string): string[][] {
  const reader = new CsvRecordReader();
  return [...reader.push(text), ...reader.end()];
}
