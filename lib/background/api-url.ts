/** An API URL under the configured server, whether or not the admin wrote the base URL with a trailing slash. */
export function apiUrl(backendUrl: string, path: string): URL {
  return new URL(path, backendUrl.endsWith('/') ? backendUrl : `${backendUrl}/`);
}
