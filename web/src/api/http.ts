// The one place that talks to the server: same-origin fetch with the
// session cookie, the CSRF token on writes, and errors as ApiError with the
// server's Chinese message.  Every module in src/api/ goes through here.
export class ApiError extends Error {
  status: number
  code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

let csrf = ''
let onUnauthorized: (() => void) | null = null

export function setCsrf(token: string): void {
  csrf = token
}
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn
}

type Query = Record<string, string | number | boolean | undefined | null>

export function withQuery(path: string, q?: Query): string {
  if (!q) return path
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `${path}?${s}` : path
}

/* quiet: a 401 is only thrown, not handed to the unauthorized handler (the
 * requests a page load starts before it knows whether anyone is logged in). */
async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: BodyInit, json = true, quiet = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (method !== 'GET') {
    if (csrf) headers['X-CSRF-Token'] = csrf
    if (json) headers['Content-Type'] = 'application/json'
  }
  let res: Response
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试')
  }
  const text = await res.text()
  let doc: unknown = null
  try {
    doc = text ? JSON.parse(text) : null
  } catch {
    doc = null
  }
  if (!res.ok) {
    const d = (doc ?? {}) as { code?: string; message?: string }
    if (res.status === 401 && onUnauthorized && !quiet && path !== '/api/login') onUnauthorized()
    throw new ApiError(res.status, d.code ?? 'HTTP', d.message ?? `服务器返回错误 ${res.status}`)
  }
  return doc as T
}

export function get<T>(path: string, q?: Query, quiet = false): Promise<T> {
  return request<T>('GET', withQuery(path, q), undefined, true, quiet)
}
export function post<T>(path: string, body?: unknown): Promise<T> {
  return request<T>('POST', path, body === undefined ? undefined : JSON.stringify(body), body !== undefined)
}
export function upload<T>(path: string, file: Blob, q?: Query): Promise<T> {
  return request<T>('POST', withQuery(path, q), file, false)
}
export function put<T>(path: string, body: unknown): Promise<T> {
  return request<T>('PUT', path, JSON.stringify(body))
}
export function patch<T>(path: string, body: unknown): Promise<T> {
  return request<T>('PATCH', path, JSON.stringify(body))
}
/* A download through the same session (a plain link: the browser saves
 * the file under the server's name).  For GET files only. */
export function downloadUrl(path: string, q?: Query): string {
  return withQuery(path, q)
}
