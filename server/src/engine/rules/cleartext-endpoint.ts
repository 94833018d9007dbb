// An API endpoint reached over http:// (or ws://), or a URL that carries a key in clear: whatever the app sends
// there — API keys, tokens, personal data — can be read and changed by anyone on the network path.
import type { Rule } from './rule';
import type { StringLiteral } from '../model/model';
import { carriesKey, isCleartextEndpointUrl } from '../urls';
import { endpointUse } from '../endpoints';
import { relatedUses } from './secret-common';

/** Names that hold redirect URIs: those are oauth-insecure-redirect's (it takes precedence). */
const redirectNames = /^(redirect_?ur[il]|redirectURI|redirectURL|post_?logout_?redirect_?ur[il]|postLogoutRedirectUrl)$/i;

function schemeEdit(lit: StringLiteral, text: string): { start: number; end: number; secure: string } | undefined {
  const body = text.slice(lit.contentSpan.start, lit.contentSpan.end);
  const m = /^(\s*)(http|ws):\/\//i.exec(body);
  if (!m) return undefined;
  const start = lit.contentSpan.start + m[1].length;
  return { start, end: start + m[2].length, secure: m[2].toLowerCase() === 'ws' ? 'wss' : 'https' };
}

export const cleartextEndpoint: Rule = {
  meta: {
    id: 'cleartext-endpoint',
    category: 'transport',
    defaultLevel: 'warning',
    description: 'An http:// (or ws://) URL used as an API endpoint, or a cleartext URL that carries a key in its query.',
    advice: 'Requests over plain HTTP can be read and changed on the way, keys and tokens included. Use https:// (wss://) and keep keys out of URLs.',
    fixable: true,
  },
  keywords: ['"http://', "'http://", '`http://', '"ws://', "'ws://", '`ws://'],
  check(ctx) {
    const { model } = ctx;
    const level = ctx.inTest ? 'info' as const : undefined;
    for (const lit of model.literals) {
      if (!isCleartextEndpointUrl(lit.value)) continue;
      if (lit.ctx.name && redirectNames.test(lit.ctx.name)) continue;
      const uses = ctx.usesOf(lit);
      const endpoints = uses.map(u => ({ u, what: endpointUse(u.ctx, model.text) })).filter(x => x.what);
      const keyed = carriesKey(lit.value);
      if (!endpoints.length && !keyed) continue;
      const edit = schemeEdit(lit, model.text);
      const what = endpoints[0]?.what;
      ctx.report({
        literal: lit,
        message: keyed
          ? 'This cleartext URL carries a key or token in its query: anyone on the network path can read it and replay it. Use https:// and send the key in a header from a backend.'
          : `Cleartext ${edit?.secure === 'wss' ? 'ws' : 'http'}:// endpoint (${what}): requests and responses, keys and tokens included, can be read and changed on the way. Use ${edit?.secure ?? 'https'}://.`,
        severity: level,
        related: relatedUses(ctx, endpoints.map(e => e.u), u => `used as ${endpointUse(u.ctx, model.text)} here`),
        fixes: edit ? [{ title: `Use ${edit.secure}://`, safe: false, edits: [{ span: { start: edit.start, end: edit.end }, newText: edit.secure }] }] : [],
        data: { kind: 'url' },
      });
    }
  },
};
