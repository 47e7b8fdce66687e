/** Vite's `?raw` imports: a file's text (docs/compatibility.md, read by the conformance test). */
declare module "*?raw" {
  const text: string;
  export default text;
}
