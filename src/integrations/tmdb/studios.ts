/**
 * The studios Discover offers as chips, by TMDb company id. TMDb has no "major studios" call
 * (companies are only searched or read by id), so the list is fixed here, as Overseerr's is.
 */
export const DISCOVER_STUDIOS: readonly { id: number; name: string }[] = [
  { id: 2, name: "Walt Disney Pictures" },
  { id: 127928, name: "20th Century Studios" },
  { id: 34, name: "Sony Pictures" },
  { id: 174, name: "Warner Bros. Pictures" },
  { id: 33, name: "Universal Pictures" },
  { id: 4, name: "Paramount Pictures" },
  { id: 3, name: "Pixar" },
  { id: 521, name: "DreamWorks Animation" },
  { id: 420, name: "Marvel Studios" },
  { id: 9993, name: "DC" },
  { id: 41077, name: "A24" },
  { id: 1632, name: "Lionsgate" },
  { id: 3172, name: "Blumhouse Productions" },
  { id: 10342, name: "Studio Ghibli" },
];
