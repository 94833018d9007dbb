// URL facts several rules share: cleartext scheme, loopback and emulator hosts that need no TLS.
const loopbackHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1|10\.0\.2\.2|10\.0\.3\.2|0\.0\.0\.0)$/i;

export interface ParsedUrl { scheme: string; host: string }

/** Scheme and host of an absolute URL at the start of `value`, or undefined. Placeholders keep the host unknown. */
export function parseUrl(value: string): ParsedUrl | undefined {
  if (!value.includes('://')) return undefined; // most values: no regex run
  const m = /^\s*([a-z][a-z0-9+.-]{0,20}):\/\/(?:[^\s/?#@]{0,256}@)?(\[[^\]\s]{1,64}\]|[^\s/?#:]{0,256})/i.exec(value);
  return m ? { scheme: m[1].toLowerCase(), host: m[2].toLowerCase() } : undefined;
}

export function isLoopback(host: string): boolean {
  return loopbackHosts.test(host);
}

/** `http://` to a real host (not loopback, not an emulator alias, not a placeholder). */
export function isCleartextRemote(value: string): boolean {
  const u = parseUrl(value);
  return !!u && u.scheme === 'http' && u.host.length > 0 && !u.host.includes('${') && !isLoopback(u.host);
}

// XML namespaces and schema identifiers look like URLs but are names, never fetched.
const namespaceHosts = /^(schemas\.android\.com|www\.w3\.org|w3\.org|xmlns\.com|schemas\.xmlsoap\.org|schemas\.microsoft\.com|schemas\.openxmlformats\.org|purl\.org|ns\.adobe\.com|java\.sun\.com|xmlns\.jcp\.org|xml\.org|www\.springframework\.org|json-schema\.org|ns\.google\.com)$/i;

export function isNamespaceHost(host: string): boolean {
  return namespaceHosts.test(host);
}

/** `http://` or `ws://` to a real, non-namespace host: traffic to it crosses the network in clear. */
export function isCleartextEndpointUrl(value: string): boolean {
  const u = parseUrl(value);
  return !!u && (u.scheme === 'http' || u.scheme === 'ws') && u.host.length > 0 && !u.host.includes('${') && !u.host.includes('{')
    && !isLoopback(u.host) && !isNamespaceHost(u.host);
}

/** Query parameters that carry a key or token (`?key=…`, `&api_key=…`), with a non-empty value. */
const keyParam = /[?&](key|api_key|apikey|api-key|appid|app_key|access_token|token|client_secret|secret|password|auth|sig|signature)=[^&#\s]/i;

export function carriesKey(value: string): boolean {
  return keyParam.test(value);
}
