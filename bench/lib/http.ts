// Minimal JSON client for setting up benchmark data through the real API.
export interface ApiClient {
  base: string;
  auth: string | null;
  call<T = unknown>(method: string, path: string, body?: unknown, expect?: number): Promise<T>;
  withBearer(token: string): ApiClient;
}

export function apiClient(base: string, auth: string | null = null): ApiClient {
  return {
    base,
    auth,
    async call<T>(method: string, path: string, body?: unknown, expect?: number): Promise<T> {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (auth) headers[auth.startsWith('shouhou_session=') ? 'cookie' : 'authorization'] = auth;
      const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if ((expect && res.status !== expect) || (!expect && !res.ok)) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    withBearer: (token: string) => apiClient(base, `Bearer ${token}`),
  };
}

/** Logs in as admin, creates a user of the given role and an API token for it; returns a Bearer client. */
export async function loginAndToken(
  base: string,
  adminPassword: string,
  role = 'agent',
): Promise<{ admin: ApiClient; client: ApiClient; token: string; userId: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: adminPassword }),
  });
  if (res.status !== 200) throw new Error(`admin log-in failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('shouhou_session='));
  if (!cookie) throw new Error('admin log-in returned no session cookie');
  const admin = apiClient(base, cookie.split(';')[0]!);
  const username = `bench_${role}_${process.pid}`;
  const user = await admin.call<{ id: string }>('POST', '/users', { username, password: 'bench-password-123', role, displayName: `压测 ${role}` }, 201);
  const { token } = await admin.call<{ token: string }>('POST', `/users/${user.id}/api-tokens`, { name: 'bench' }, 201);
  return { admin, client: admin.withBearer(token), token, userId: user.id };
}
