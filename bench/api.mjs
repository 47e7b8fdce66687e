/** A caller of the app's v3 API with the bench's key: JSON in and out, an error naming the call. */
export function apiCaller(apiKey) {
  return async (app, method, path, body) => {
    const res = await fetch(`${app.url}/api/v3${path}`, {
      method,
      headers: { "x-api-key": apiKey, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 400)}`);
    return text ? JSON.parse(text) : undefined;
  };
}
