export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  key?: string | null;
  headers?: Record<string, string>;
  /** Sent as is, instead of JSON-encoding `body`. */
  raw?: string;
}

/** A thin client over real HTTP, so tests see exactly what an integrator sees. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly defaultKey: string,
  ) {}

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, body, options);
  }

  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, body, options);
  }

  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, body, options);
  }

  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, undefined, options);
  }

  /** The same client acting with another key. */
  as(key: string): ApiClient {
    return new ApiClient(this.baseUrl, key);
  }

  async request<T>(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const key = options.key === undefined ? this.defaultKey : options.key;
    const headers: Record<string, string> = { ...options.headers };
    if (key !== null) headers.authorization = `Bearer ${key}`;

    const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined && headers['content-type'] === undefined) {
      headers['content-type'] = 'application/json';
    }

    const response = await fetch(this.baseUrl + path, { method, headers, body: payload });
    const text = await response.text();
    const parsed = text === '' ? null : safeJson(text);
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
