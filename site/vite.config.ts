import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [preact()],
  build: { outDir: "../dist/site", emptyOutDir: true },
});
