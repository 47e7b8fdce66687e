import { type ArtworkFile, type ArtworkKind, parseArtworkFile } from "../data/artwork";
import { collectionById, movieById } from "../data/catalogue";
import { type WatchProvider, watchProviderByLogoFile } from "../data/discovery-providers";
import { personById } from "../data/people";
import { createService } from "./service";
import { IMAGE_SIZES } from "./tmdb";

/**
 * TMDb's image CDN (image.tmdb.org/t/p/{size}/{file}). Every picture is an SVG drawn from the
 * file name: a colour from the id, the title and year, and a "demo data" mark.
 */

export const tmdbImages = createService({
  name: "tmdb-images",
  description: "TMDb image CDN (image.tmdb.org): generated posters, backdrops, logos and profiles",
  errorResponse: (status) =>
    new Response(status === 404 ? "Not Found" : "Error", {
      status,
      headers: { "content-type": "text/plain;charset=utf-8" },
    }),
});

/** viewBox per kind; the requested size only scales it. */
const CANVAS: Record<ArtworkKind, { width: number; height: number; original: number; charsPerLine: number }> = {
  poster: { width: 300, height: 450, original: 2000, charsPerLine: 14 },
  profile: { width: 300, height: 450, original: 1000, charsPerLine: 14 },
  backdrop: { width: 640, height: 360, original: 3840, charsPerLine: 26 },
  logo: { width: 500, height: 200, original: 1000, charsPerLine: 24 },
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1].slice(0, width - 1)}…`;
  }
  return lines;
}

function caption(file: ArtworkFile): { title: string; subtitle: string } | undefined {
  if (file.owner === "movie") {
    const movie = movieById(file.id);
    return movie && { title: movie.title, subtitle: movie.releaseDate.slice(0, 4) || "TBA" };
  }
  if (file.owner === "collection") {
    const collection = collectionById(file.id);
    return collection && { title: collection.name, subtitle: `${collection.partIds.length} films` };
  }
  const person = personById(file.id);
  return person && { title: person.name, subtitle: person.knownForDepartment };
}

/** A generated picture: the kind's canvas in a colour from the id, with the title and subtitle. */
export function renderSvg(
  file: Pick<ArtworkFile, "id" | "kind" | "variant">,
  size: string,
  title: string,
  subtitle: string,
): string {
  const canvas = CANVAS[file.kind];
  const requested = Number(size.slice(1));
  const width =
    size === "original"
      ? canvas.original
      : size.startsWith("h")
        ? Math.round((requested * canvas.width) / canvas.height)
        : requested;
  const height = Math.round((width * canvas.height) / canvas.width);
  const hue = (file.id * 137.508 + file.variant * 47) % 360;
  const { width: w, height: h } = canvas;
  const lines = wrap(title, canvas.charsPerLine, file.kind === "logo" ? 2 : 5);
  const fontSize = file.kind === "backdrop" ? 34 : 30;
  const top = h / 2 - ((lines.length - 1) * fontSize * 1.15) / 2;
  const titleText = lines
    .map((line, i) => `<text x="${w / 2}" y="${(top + i * fontSize * 1.15).toFixed(1)}">${escapeXml(line)}</text>`)
    .join("");
  const background =
    file.kind === "logo"
      ? ""
      : `<defs><linearGradient id="g" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="hsl(${hue.toFixed(0)},55%,42%)"/><stop offset="1" stop-color="hsl(${((hue + 40) % 360).toFixed(0)},60%,12%)"/></linearGradient></defs>` +
        `<rect width="${w}" height="${h}" fill="url(#g)"/>` +
        `<circle cx="${w * 0.8}" cy="${h * 0.18}" r="${Math.min(w, h) * 0.22}" fill="hsl(${((hue + 180) % 360).toFixed(0)},70%,70%)" opacity="0.25"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(`${title} (${subtitle})`)}">` +
    background +
    `<g font-family="Georgia, 'Times New Roman', serif" fill="${file.kind === "logo" ? `hsl(${hue.toFixed(0)},60%,35%)` : "#fff"}" text-anchor="middle" font-size="${fontSize}" font-weight="bold">${titleText}</g>` +
    (file.kind === "logo"
      ? ""
      : `<text x="${w / 2}" y="${(top + lines.length * fontSize * 1.15 + 8).toFixed(1)}" font-family="Helvetica, Arial, sans-serif" font-size="18" fill="#fff" opacity="0.85" text-anchor="middle">${escapeXml(subtitle)}</text>` +
        `<text x="${w / 2}" y="${h - 14}" font-family="Helvetica, Arial, sans-serif" font-size="11" fill="#fff" opacity="0.6" text-anchor="middle" letter-spacing="2">DEMO DATA</text>`) +
    "</svg>"
  );
}

/** A watch provider's square logo: its initials on a colour from its id (demo artwork). */
function renderProviderLogo(provider: WatchProvider, size: string): string {
  const side = size === "original" ? 500 : Number(size.slice(1));
  const hue = (provider.id * 137.508) % 360;
  const initials = provider.name
    .split(/\s+/)
    .map((word) => word[0])
    .join("")
    .slice(0, 3);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 100 100" role="img" aria-label="${escapeXml(`${provider.name} logo (demo data)`)}">` +
    `<rect width="100" height="100" rx="18" fill="hsl(${hue.toFixed(0)},65%,38%)"/>` +
    `<text x="50" y="62" font-family="Helvetica, Arial, sans-serif" font-size="${initials.length > 2 ? 30 : 38}" font-weight="bold" fill="#fff" text-anchor="middle">${escapeXml(initials)}</text>` +
    "</svg>"
  );
}

tmdbImages.app.get("/t/p/:size/:file", (c) => {
  const size = c.req.param("size");
  const provider = IMAGE_SIZES.has(size) ? watchProviderByLogoFile(c.req.param("file")) : undefined;
  if (provider) {
    return c.body(renderProviderLogo(provider, size), 200, {
      "content-type": "image/svg+xml",
      "cache-control": "public, max-age=31536000, immutable",
      etag: `"provider-${provider.id}-${size}"`,
    });
  }
  const file = parseArtworkFile(c.req.param("file"));
  const text = file && IMAGE_SIZES.has(size) ? caption(file) : undefined;
  if (!file || !text) return tmdbImages.errorResponse(404);
  const etag = `"${file.owner}-${file.id}-${file.kind}-${file.variant}-${size}"`;
  const headers = {
    "content-type": "image/svg+xml",
    "cache-control": "public, max-age=31536000, immutable",
    etag,
  };
  if (c.req.header("If-None-Match") === etag) return c.body(null, 304, headers);
  return c.body(renderSvg(file, size, text.title, text.subtitle), 200, headers);
});
