/** A dashboard session opened over plain HTTP: its cookie and the CSRF token its pages carry. */
export interface DashboardClient {
  cookie: string;
  csrf: string;
  /** `set-cookie` of the sign-in answer, as the browser was told. */
  setCookie: string;
  get(path: string): Promise<{ status: number; body: any; text: string }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; text: string }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
}

/** The `/app/login?token=…` part of a `/triage dashboard` reply. */
export function linkToken(reply: string): string {
  const token = /\/app\/login\?token=([\w-]+)/.exec(reply)?.[1];
  if (!token) throw new Error(`no sign-in link in: ${reply}`);
  return token;
}

async function answer(response: Response) {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

/** Presses the sign-in page's button with `token`: the raw answer (303 to /app, or a refusal). */
export function postSignIn(botUrl: string, token: string): Promise<Response> {
  return fetch(`${botUrl}/app/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
}

/** Signs in with a link's token as a browser would, then reads the CSRF token from a page. */
export async function dashboardClient(botUrl: string, token: string): Promise<DashboardClient> {
  const signedIn = await postSignIn(botUrl, token);
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  const setCookie = signedIn.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] as string;
  const page = await (await fetch(`${botUrl}/app`, { headers: { cookie } })).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
  return {
    cookie,
    csrf,
    setCookie,
    get: async (path) => answer(await fetch(`${botUrl}${path}`, { headers: { cookie } })),
    post: async (path, body, headers = { 'x-csrf-token': csrf }) =>
      answer(
        await fetch(`${botUrl}${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        }),
      ),
  };
}
