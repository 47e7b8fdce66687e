/** Placeholder replaced when the site lands: measures the library page's first render. */
export async function measureLibraryFirstRender() {
  throw new Error("the site's library page is not built yet");
}
