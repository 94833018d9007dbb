// An API endpoint reached over http:// (or ws://), or a URL that carries a key in clear: whatever the app sends
// there — API keys, tokens, personal data — can be read and changed by anyone on the network path. On Android the
// same risk is configured rather than written: `android:usesCleartextTraffic="true"` in the manifest and
// `cleartextTrafficPermitted="true"` in a network security config let the app use http:// at all.
import type { Rule, RuleContext } from './rule';
import type { StringLiteral } from '../model/model';
import { carriesKey, isCleartextEndpointUrl } from '../urls';
import { endpointUse } from '../endpoints';
import { relatedUses } from './secret-common';
import { cleartextPermissions, trimmedValue, type CleartextPermission } from '../android';

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
    description: 'An http:// (or ws://) URL used as an API endpoint, a cleartext URL that carries a key in its query, or an Android app configured to allow cleartext traffic.',
    advice: 'Requests over plain HTTP can be read and changed on the way, keys and tokens included. Use https:// (wss://), keep keys out of URLs, and leave cleartext traffic off in the Android manifest and network security config.',
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
    // A debug source set's manifest or config only reaches debug builds: the place for a development server.
    if (!ctx.debugSourceSet) for (const p of cleartextPermissions(model)) reportPermission(ctx, p);
  },
};

function reportPermission(ctx: RuleContext, p: CleartextPermission): void {
  const { attribute, where } = p;
  const risk = 'keys, tokens and data can be read and changed on the network';
  let message: string;
  if (where === 'application') {
    message = p.configNamed
      ? 'android:usesCleartextTraffic="true" still lets the app use plain http:// to any host on Android 6 and older (from Android 7 on, the network security config named here decides). Set it to "false".'
      : `android:usesCleartextTraffic="true" lets the app use plain http:// to any host: ${risk}. Set it to "false" (the default since Android 9) and allow cleartext only for the hosts that need it in a network security config.`;
  } else if (where === 'base-config') {
    message = `cleartextTrafficPermitted="true" in <base-config> allows plain http:// to every host: ${risk}. Set it to "false" and permit cleartext in a <domain-config> only for the hosts that need it.`;
  } else {
    const hosts = p.domains.length ? `${p.domains[0]}${p.domains.length > 1 ? ` (and ${p.domains.length - 1} more)` : ''}` : 'the domains of this <domain-config>';
    message = `cleartextTrafficPermitted="true" allows plain http:// to ${hosts}: ${risk}. Serve them over https:// and set it to "false"; a development server belongs in the debug source set's config (src/debug/res/xml).`;
  }
  const value = trimmedValue(ctx.model.text, attribute);
  ctx.report({
    span: value,
    message,
    severity: ctx.inTest || p.configNamed ? 'info' : undefined,
    fixes: [{ title: `Set ${attribute.name}="false"`, safe: false, edits: [{ span: value, newText: 'false' }] }],
    data: { kind: 'cleartext-config' },
  });
}
