import { fetchFromSimulator, LoopbackFetchError } from "../loopback";

/** What a usenet client reads from an NZB: its title, the bytes it will download, when it was posted. */
export interface ParsedNzb {
  title: string | null;
  bytes: number;
  postedAt: number;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The NZB's facts, or null when the text is not an NZB. PAR2 files only repair: they are not counted. */
export function parseNzb(text: string): ParsedNzb | null {
  if (!/<nzb[\s>]/.test(text)) return null;
  const title = /<meta\s+type="title">([^<]*)<\/meta>/.exec(text)?.[1] ?? null;
  let bytes = 0;
  let files = 0;
  let postedAt = 0;
  for (const file of text.matchAll(/<file\b([^>]*)>([\s\S]*?)<\/file>/g)) {
    files++;
    const subject = /subject="([^"]*)"/.exec(file[1])?.[1] ?? "";
    postedAt ||= Number(/date="(\d+)"/.exec(file[1])?.[1] ?? 0);
    if (/\.par2"/i.test(unescapeXml(subject))) continue;
    for (const segment of file[2].matchAll(/<segment\s+bytes="(\d+)"/g)) bytes += Number(segment[1]);
  }
  if (files === 0) return null;
  return { title: title ? unescapeXml(title) : null, bytes, postedAt };
}

/** An NZB fetched from the simulator (or another loopback address): the NZB, or why it could not be had. */
export async function fetchNzb(
  url: string,
  requestUrl: string,
): Promise<{ nzb: ParsedNzb; name: string | null } | { error: string }> {
  try {
    const response = await fetchFromSimulator(url, requestUrl);
    if (!response.ok) {
      await response.body?.cancel();
      return { error: `Server returned ${response.status}` };
    }
    const nzb = parseNzb(new TextDecoder().decode(await response.arrayBuffer()));
    return nzb ? { nzb, name: response.headers.get("x-dnzb-name") } : { error: "Invalid NZB file" };
  } catch (caught) {
    return { error: caught instanceof LoopbackFetchError ? caught.message : (caught as Error).message };
  }
}
