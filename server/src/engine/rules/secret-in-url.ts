// Credentials inside a URL literal: user:password@host, or key/token query parameters with a real value.
// URLs end up in logs, proxies and browser history (RFC 9700 §4.3.2: no tokens in URLs).
import type { Rule } from './rule';
import { isPlaceholder } from '../secrets/placeholder';
import { obviouslyFake, suggestedName } from './secret-common';
import { maskSecret } from '../secrets/mask';

const userInfo = /^[a-z][a-z0-9+.-]{1,20}:\/\/([^\s/?#@:]{1,256}):([^\s/?#@]{1,256})@[^\s/?#]/i;
const queryParam = /[?&](key|api_key|apikey|api-key|access_token|token|client_secret|sig|signature|auth|password|secret)=([^&#\s]{1,512})/gi;

function realValue(v: string): boolean {
  let decoded = v;
  try { decoded = decodeURIComponent(v); } catch { /* keep raw */ }
  return decoded.length >= 6 && !decoded.includes('${…}') && !/^[{<%:$@]|[}>]$/.test(decoded) && !isPlaceholder(decoded);
}

export const secretInUrl: Rule = {
  meta: {
    id: 'secret-in-url',
    category: 'secret',
    defaultLevel: 'error',
    description: 'Credentials inside a URL literal: user:password@host or key/token query parameters.',
    advice: 'URLs are logged by servers, proxies and analytics, and kept in history: send credentials in a header from a server-side proxy, never in the URL (RFC 9700 §4.3.2).',
    fixable: false,
  },
  keywords: [],
  check(ctx) {
    for (const lit of ctx.model.literals) {
      const v = lit.value;
      if (v.length < 10 || (!v.includes('://') && !v.includes('='))) continue;
      const ui = userInfo.exec(v);
      let what: string | undefined;
      if (ui && realValue(ui[2]) && !/^(user|username|login)$/i.test(ui[2])) what = 'a password in the URL (user:password@host)';
      if (!what) {
        queryParam.lastIndex = 0;
        for (let m = queryParam.exec(v); m; m = queryParam.exec(v)) {
          if (realValue(m[2])) { what = `a \`${m[1]}\` query parameter`; break; }
        }
      }
      if (!what || (!v.includes('://') && !v.startsWith('?') && !/^[a-z_]+=/i.test(v))) continue;
      ctx.report({
        literal: lit,
        message: `URL literal carries ${what} (${maskSecret(lit.value)}). URLs are logged and cached: send the credential in a header from your backend instead, and rotate it.`,
        severity: ctx.inTest && obviouslyFake(v) ? 'info' : undefined,
        data: { kind: 'url', suggestedName: suggestedName(lit.ctx, 'API_URL') },
      });
    }
  },
};
