/**
 * A tiny browser-like HTTP client for tests: keeps the `sid` cookie and sends the CSRF token
 * on state-changing requests, like the UI does.
 *
 *   const admin = new ApiClient(server.url);
 *   await admin.login('admin', 'Gera-admin-2026');
 *   const res = await admin.post('/api/admin/users', { ... });
 */
export class ApiClient {
  private cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: {
        ...this.defaultHeaders,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' && method !== 'HEAD' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (name === 'sid') this.cookie = value ? `sid=${value}` : undefined;
    }
    return res;
  }

  /** The same browser session (cookie, CSRF token) talking to another instance behind a load balancer. */
  on(baseUrl: string): ApiClient {
    const twin = new ApiClient(baseUrl, this.defaultHeaders);
    twin.cookie = this.cookie;
    twin.csrfToken = this.csrfToken;
    return twin;
  }

  /** The `cookie` header value of this session (`sid=…`), for a request the test sends by other means (node:http, a second process). */
  sessionCookie(): string | undefined {
    return this.cookie;
  }

  /** Sends bytes as they are (a file upload, a hand-made body) with the session's cookie and CSRF token; `headers` name the content type. */
  sendBytes(method: string, path: string, body: string | Uint8Array | undefined, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: {
        ...this.defaultHeaders,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && method !== 'HEAD' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body),
    });
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }
  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body ?? {}, headers);
  }
  patch(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', path, body, headers);
  }

  /** GET /api/session: obtains the (pre-)session cookie and CSRF token. */
  async session(): Promise<{ user: { id: string; username: string; displayName: string; role: string } | null; csrfToken: string }> {
    const res = await this.get('/api/session');
    const body = (await res.json()) as { user: null; csrfToken: string };
    this.csrfToken = body.csrfToken;
    return body;
  }

  /** Signs in and keeps the rotated session; returns the raw response. */
  async login(username: string, password: string): Promise<Response> {
    if (!this.csrfToken) await this.session();
    const res = await this.post('/api/auth/login', { username, password });
    if (res.ok) {
      const body = (await res.clone().json()) as { csrfToken: string };
      this.csrfToken = body.csrfToken;
    }
    return res;
  }
}
