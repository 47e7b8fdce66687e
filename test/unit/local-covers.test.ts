import { describe, expect, test } from "vitest";
import { metadataJsonWithLocalCovers, withLocalCovers } from "../../src/domain/library/movieResource";

describe("library covers as Radarr's /MediaCover paths", () => {
  const images = [
    {
      coverType: "poster",
      url: "https://image.tmdb.org/t/p/w500/p.jpg",
      remoteUrl: "https://image.tmdb.org/t/p/original/p.jpg",
    },
    {
      coverType: "fanart",
      url: "https://image.tmdb.org/t/p/w500/f.jpg",
      remoteUrl: "https://image.tmdb.org/t/p/original/f.jpg",
    },
  ];

  test("each image's url becomes the movie's cover path; remoteUrl stays TMDb's", () => {
    expect(withLocalCovers(7, images)).toEqual([
      { coverType: "poster", url: "/MediaCover/7/poster.jpg", remoteUrl: images[0].remoteUrl },
      { coverType: "fanart", url: "/MediaCover/7/fanart.jpg", remoteUrl: images[1].remoteUrl },
    ]);
  });

  test("the stored JSON is rewritten the same way, everything else byte for byte", () => {
    const stored = JSON.stringify({ overview: 'A "url":"x" in text', images, remotePoster: images[0].remoteUrl });
    const rewritten = metadataJsonWithLocalCovers(7, stored);
    expect(JSON.parse(rewritten)).toEqual({
      overview: 'A "url":"x" in text',
      images: withLocalCovers(7, images),
      remotePoster: images[0].remoteUrl,
    });
  });
});
