export function workingApiKey(
  persistDir: string,
  secrets: { API_KEY: string; ENCRYPTION_KEY: string },
): Promise<string>;
