// Redirect URIs an attacker can intercept or widen: http:// to a remote host, wildcards, custom schemes another
// app may claim, `localhost` instead of the loopback IP; and a hand-built token request that leaves out the
// redirect_uri its authorization request sent (the server then cannot bind the code to the redirect).
import type { Rule, RuleContext, Use } from './rule';
import type { Comment, FileModel, StringLiteral } from '../model/model';
import type { Fix, Severity, Span } from '../types';
import { isLoopback } from '../urls';
import { chainTop, enclosingBinding, enclosingFunction } from './regions';
import { clientKind } from './secret-common';
import { textTest } from './memo';

/** Names that always mean a redirect URI (the OAuth parameter itself and its constants). */
const redirectParam = /^(redirect_uri|post_logout_redirect_uri)$/i;
/** Library option names for a redirect URI (react-native-app-auth `redirectUrl`, expo `redirectUri`, …). */
const redirectOption = /^(redirectUri|redirectUrl|redirectURI|redirectURL|redirect_url|postLogoutRedirectUri|postLogoutRedirectUrl|logoutRedirectUri)$/;
/** Calls that add one form/query parameter: (name, value). */
const paramCallees = /^(appendQueryParameter|addQueryParameter|append|set|add|addEncoded|put|param|queryParam|field|addFormDataPart|formParam)$/;
/** The file is about OAuth: option names like `redirectUrl` are then redirect URIs, not any redirect. */
const oauthContext = /oauth|OAuth|authoriz|Authoriz|client_id|clientId|issuer|openid|OpenID|appauth|AppAuth|response_type|responseType|makeRedirectUri|redirect_uri|code_verifier|grant_type/;
const isOAuthFile = textTest(oauthContext);
/** Schemes that are not an app's private-use scheme. */
const notCustom = /^(https?|about|file|data|javascript|blob|urn|mailto|tel|intent|content|exp|exps|ws|wss)$/i;

type Problem = { kind: 'http' | 'wildcard' | 'localhost' | 'custom'; severity?: Severity; message: string };

function redirectContext(u: Use, model: FileModel): boolean {
  const c = u.ctx;
  const call = c.call;
  if (call && c.keyPath.length === 0 && c.argName === undefined) {
    if ((call.callee === 'setRedirectUri' || call.callee === 'setPostLogoutRedirectUri') && c.argIndex === 0) return true;
    if (call.callee === 'Builder' && c.argIndex === 3 && /AuthorizationRequest\s*\.\s*Builder$/.test(model.text.slice(call.span.start, call.calleeSpan.end))) return true;
    if (paramCallees.test(call.callee) && c.argIndex === 1 && redirectParam.test(call.args[0]?.stringValue ?? '')) return true;
  }
  if (call?.callee === 'makeRedirectUri' && c.keyPath[0] === 'native') return true;
  if (!c.name) return false;
  if (redirectParam.test(c.name) || redirectOption.test(c.name)) return isOAuthFile(model);
  return false;
}

/** The problems of one redirect URI value, or none. */
function problemsOf(value: string): Problem | undefined {
  const v = value.trim();
  if (!v || /\s/.test(v) || v.startsWith('${')) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]{0,40}):/i.exec(v)?.[1];
  if (!scheme) return undefined;
  if (v.includes('*')) {
    return { kind: 'wildcard', message: 'Wildcard in a redirect URI: the authorization server must compare redirect URIs exactly (RFC 9700 §4.1.3), or codes can be sent to pages an attacker controls. Register and send the exact URI.' };
  }
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^\s/?#@]*@)?(\[[^\]\s]*\]|[^\s/?#:]*)/i.exec(v)?.[1]?.toLowerCase();
  if (scheme.toLowerCase() === 'http' && host && !host.includes('${')) {
    if (host === 'localhost') {
      return { kind: 'localhost', severity: 'info', message: 'Loopback redirect through `localhost`: RFC 8252 §8.3 recommends the IP literal (http://127.0.0.1:PORT or http://[::1]:PORT) so the redirect cannot be resolved elsewhere or blocked by a firewall.' };
    }
    if (!isLoopback(host)) {
      return { kind: 'http', message: `Redirect URI over http:// to ${host}: the authorization code crosses the network in clear and can be stolen. Use https:// (an App Link / Universal Link) or a reverse-domain custom scheme.` };
    }
    return undefined;
  }
  if (!notCustom.test(scheme) && !scheme.includes('.')) {
    return { kind: 'custom', severity: 'info', message: `Custom scheme \`${scheme}:\` is not reverse-domain: any app can register it and receive the authorization code. RFC 8252 §7.1 asks for a scheme based on a domain you own, e.g. \`com.example.app:/oauth2redirect\`.` };
  }
  return undefined;
}

function httpsFix(at: number): Fix[] {
  return [{ title: 'Use https://', safe: false, edits: [{ span: { start: at, end: at + 4 }, newText: 'https' }] }];
}

/** `redirect_uri=…` inside a larger URL or form body: the raw value's span and its decoded text. */
function embeddedRedirects(lit: StringLiteral, text: string): { span: Span; value: string }[] {
  const out: { span: Span; value: string }[] = [];
  const raw = text.slice(lit.contentSpan.start, lit.contentSpan.end);
  if (!raw.includes('redirect_uri=')) return out;
  const re = /(?:^|[?&#])(?:post_logout_)?redirect_uri=([^&#"'`\s]*)/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    if (!m[1]) continue;
    let value = m[1];
    try { value = decodeURIComponent(m[1]); } catch { /* keep the raw text */ }
    const start = lit.contentSpan.start + m.index + m[0].length - m[1].length;
    out.push({ span: { start, end: start + m[1].length }, value });
  }
  return out;
}

function inComment(comments: Comment[], at: number): boolean {
  return comments.some(c => at >= c.span.start && at < c.span.end);
}

/** Whether `re` matches the file's code outside `exclude` (comments left out). */
function mentionedOutside(model: FileModel, re: RegExp, exclude: Span): boolean {
  const g = new RegExp(re.source, 'g');
  for (let m = g.exec(model.text); m; m = g.exec(model.text)) {
    if ((m.index < exclude.start || m.index >= exclude.end) && !inComment(model.comments, m.index)) return true;
  }
  return false;
}

/** Hand-built code-for-token requests that leave out redirect_uri although the authorization request sent one. */
function checkTokenRequests(ctx: RuleContext, level: Severity | undefined): void {
  const { model } = ctx;
  for (const lit of model.literals) {
    const c = lit.ctx;
    const body = /(^|[?&])grant_type=authorization_code(&|$)/.test(lit.value);
    const keyed = lit.value === 'authorization_code' && (c.name === 'grant_type'
      || (!!c.call && paramCallees.test(c.call.callee) && c.argIndex === 1 && c.call.args[0]?.stringValue === 'grant_type'));
    if (!body && !keyed) continue;
    const region = enclosingFunction(model, lit.span)?.bodySpan
      ?? c.objectSpan ?? (c.call ? chainTop(model, c.call).span : undefined) ?? enclosingBinding(model, lit.span)?.valueSpan ?? lit.span;
    if (/redirect_?ur[il]/i.test(model.text.slice(region.start, region.end))) continue;
    if (!mentionedOutside(model, /redirect_uri/, region) || !mentionedOutside(model, /response_type/, region)) continue;
    ctx.report({
      span: lit.contentSpan,
      message: 'This token request exchanges an authorization code without the redirect_uri that the authorization request sent: RFC 6749 §4.1.3 requires the same value at both endpoints, so the server can check the code was issued for this redirect. Add redirect_uri.',
      severity: level,
    });
  }
}

export const oauthInsecureRedirect: Rule = {
  meta: {
    id: 'oauth-insecure-redirect',
    category: 'oauth',
    defaultLevel: 'warning',
    description: 'A redirect URI over plain HTTP, with a wildcard, through a non-reverse-domain custom scheme or `localhost`; a token request without the redirect_uri of its authorization request.',
    advice: 'The authorization code travels to the redirect URI: use an exact https:// App Link or a reverse-domain custom scheme (RFC 8252 §7), and send the same redirect_uri to the authorization and token endpoints.',
    fixable: true,
  },
  keywords: ['redirect_uri', 'redirecturi', 'redirecturl', 'redirect_url', 'setredirecturi', 'makeredirecturi', 'postlogoutredirect', 'authorizationrequest'],
  check(ctx) {
    const { model } = ctx;
    const level: Severity | undefined = ctx.inTest ? 'info' : undefined;
    const lower = (s: Severity | undefined): Severity | undefined => level ?? s;
    // RFC 8252 §8.3 is advice for native apps (mobile, desktop, CLI); a web app's dev server on localhost is fine.
    const applies = (p: Problem | undefined): p is Problem => !!p && !(p.kind === 'localhost' && clientKind(model) === 'browser');
    for (const lit of model.literals) {
      // The whole literal is a redirect URI (directly or through a constant / Uri.parse).
      const whole = problemsOf(lit.value);
      if (applies(whole) && ctx.usesOf(lit).some(u => redirectContext(u, model))) {
        const body = model.text.slice(lit.contentSpan.start, lit.contentSpan.end);
        const at = lit.contentSpan.start + body.length - body.trimStart().length;
        ctx.report({ literal: lit, message: whole.message, severity: lower(whole.severity), fixes: whole.kind === 'http' ? httpsFix(at) : [],
          data: { kind: `redirect-${whole.kind}` } });
        continue;
      }
      // expo `makeRedirectUri({ scheme: 'myapp' })`: the scheme alone.
      if (lit.ctx.call?.callee === 'makeRedirectUri' && lit.ctx.keyPath[0] === 'scheme' && /^[a-z][a-z0-9+-]*$/i.test(lit.value) && !notCustom.test(lit.value)) {
        ctx.report({ literal: lit, severity: lower('info'), data: { kind: 'redirect-custom' },
          message: `Custom scheme \`${lit.value}:\` is not reverse-domain: any app can register it and receive the authorization code. RFC 8252 §7.1 asks for a scheme based on a domain you own, e.g. \`com.example.app\`.` });
        continue;
      }
      // `redirect_uri=…` inside an authorization URL or a token request body.
      for (const e of embeddedRedirects(lit, model.text)) {
        const p = problemsOf(e.value);
        if (!applies(p)) continue;
        const fixable = p.kind === 'http' && /^http/i.test(model.text.slice(e.span.start, e.span.start + 4));
        ctx.report({ span: e.span, message: p.message, severity: lower(p.severity), fixes: fixable ? httpsFix(e.span.start) : [], data: { kind: `redirect-${p.kind}` } });
      }
    }
    checkTokenRequests(ctx, level);
  },
};
