import type { Reply } from '../integration/helpers.js';

export interface BrowserReply extends Reply {
  retryAfter: number | null;
  setCookie: string | null;
}

/**
 * One browser, as far as joining goes: it keeps the cookie the server sets and sends it back on
 * every request, as a browser does, so that the server can tell it apart from its neighbours.
 */
export class CookieBrowser {
  cookie: string | null = null;

  constructor(private readonly base: string) {}

  /** POSTs a raw body as JSON to an API path. */
  async post(path: string, body: string): Promise<BrowserReply> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body,
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const retryAfter = res.headers.get('retry-after');
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text for the assertion message */
    }
    return { status: res.status, body: parsed, retryAfter: retryAfter === null ? null : Number(retryAfter), setCookie };
  }

  join(joinCode: string, name: string): Promise<BrowserReply> {
    return this.post('/api/join', JSON.stringify({ joinCode, name }));
  }
}
