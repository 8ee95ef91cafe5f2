/**
 * Replaces `window.fetch` for elements configured by attributes (`api="…"`), which create their own SDK client: each
 * route answers a method + path with a JSON body, or with a `Response` of its own (404 otherwise), and every request
 * is recorded. The SDK looks
 * `fetch` up at call time, so no network is touched. Call `restore()` in `finally`.
 */
export interface FetchStub {
  requests: Array<{ method: string; url: URL; body: string }>;
  restore(): void;
}

export function stubFetch(routes: Record<string, (body: string) => unknown>): FetchStub {
  const original = window.fetch;
  const requests: FetchStub['requests'] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = request.method === 'GET' ? '' : await request.text();
    requests.push({ method: request.method, url, body });
    const route = routes[`${request.method} ${url.pathname}`];
    if (!route) return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
    const answer = route(body);
    return answer instanceof Response ? answer : Response.json(answer, { status: request.method === 'POST' ? 201 : 200 });
  };
  return { requests, restore: () => void (window.fetch = original) };
}

/** An API origin no other test has used, so the SDK's persistent cache starts empty. */
export const freshApi = (): string => `https://api-${crypto.randomUUID()}.cityhub.test`;
