// Certificate or hostname validation switched off: trust-all X509TrustManagers, hostname verifiers that accept
// every host, WebView SSL errors waved through, Node's rejectUnauthorized off. Whoever sits on the network then
// presents any certificate and reads or rewrites the traffic, keys and tokens included. Weakened rather than off
// (a warning): an Android network security config that trusts user-installed CAs.
import type { Rule, RuleContext } from './rule';
import type { CallSite, FileModel, FunctionDecl } from '../model/model';
import type { Fix, Severity } from '../types';
import { enclosingFunction, inside, receiverName, removeFromChain } from './regions';
import { trimmedValue, userTrustAnchors, type UserTrustAnchor } from '../android';
import { wholeLineOf } from '../positions';
import { callsNamed, refsNamed, scalarsOf } from './memo';

/** Calls that install a hostname verifier (OkHttp builder, HttpsURLConnection, Apache HttpClient builders). */
const verifierSetters = /^(hostnameVerifier|setHostnameVerifier|setDefaultHostnameVerifier|setSSLHostnameVerifier)$/;
/** Verifiers that accept every host (Apache HttpClient 4.x, the old Android Apache copy). */
const allowAllVerifiers = /^(NoopHostnameVerifier|AllowAllHostnameVerifier)$/;
/** A statement that only logs: a trust decision made of logging alone still trusts everything. */
const loggingOnly = /^(Log\.\w+|Timber\.\w+|android\.util\.Log\.\w+|println|print|System\.(out|err)\.print(ln|f)?|logger\.\w+|LOG\.\w+|log\.\w+)\s*\(/;
/** Conditions that keep a bypass to debug builds (the Cordova pattern): not reported. */
const debugCondition = /\bDEBUG\b|isDebug|debuggable|FLAG_DEBUGGABLE|BuildConfig\.DEBUG/i;

function trustsEverything(model: FileModel, f: FunctionDecl): boolean {
  if (f.bodyEmpty) return true;
  return f.statements.length > 0 && f.statements.every(s => loggingOnly.test(model.text.slice(s.start, Math.min(s.end, s.start + 200))));
}

/** The call a verifier lambda is handed to, through a Kotlin SAM constructor (`HostnameVerifier { _, _ -> true }`). */
function verifierSetterOf(call: CallSite | undefined): { setter?: CallSite; sam?: CallSite } {
  if (!call) return {};
  if (verifierSetters.test(call.callee)) return { setter: call };
  if (call.callee === 'HostnameVerifier') return { sam: call, setter: call.outer && verifierSetters.test(call.outer.callee) ? call.outer : undefined };
  return {};
}

function dropVerifierFix(ctx: RuleContext, setter: CallSite | undefined): Fix[] {
  const edit = setter && removeFromChain(ctx.model.text, setter);
  return edit ? [{ title: `Remove .${setter!.callee}(…) (keep the default hostname check)`, safe: false, edits: [edit] }] : [];
}

export const tlsValidationDisabled: Rule = {
  meta: {
    id: 'tls-validation-disabled',
    category: 'transport',
    defaultLevel: 'error',
    description: 'Certificate or hostname validation switched off or weakened: trust-all trust managers, accept-all hostname verifiers, WebView SSL errors ignored, rejectUnauthorized: false, user-installed CAs trusted by a network security config.',
    advice: 'Anyone on the network can then impersonate the server and read or change the traffic, keys and tokens included. Keep the platform defaults; to trust a private CA, pin it in a network security config or a custom trust store instead.',
    fixable: true,
  },
  keywords: ['checkservertrusted', 'hostnameverifier', 'allow_all_hostname_verifier', 'onreceivedsslerror', 'rejectunauthorized', 'node_tls_reject_unauthorized'],
  check(ctx) {
    const { model } = ctx;
    const level: Severity | undefined = ctx.inTest ? 'info' : undefined;
    for (const f of model.functions ?? []) {
      if (f.isLambda) {
        // `hostnameVerifier { _, _ -> true }`, `(h, s) -> true`, `HostnameVerifier hv = (h, s) -> true;`
        if (!f.returnsTrue || f.params.length !== 2) continue;
        const { setter, sam } = verifierSetterOf(f.ctx?.call);
        const declaredType = model.text.slice(Math.max(0, f.span.start - 120), f.span.start);
        const boundAsVerifier = !f.ctx?.call && !!f.ctx?.name && (/verifier/i.test(f.ctx.name) || /\bHostnameVerifier\s+\w+\s*=\s*$/.test(declaredType));
        if (!setter && !sam && !boundAsVerifier) continue;
        ctx.report({
          span: f.span,
          message: 'This hostname verifier accepts every host: any valid certificate for any domain then passes, so the connection can be intercepted. Remove it and keep the default verifier.',
          severity: level, fixes: dropVerifierFix(ctx, setter),
        });
        continue;
      }
      if (!f.nameSpan) continue;
      const supers = f.owner?.supertypes ?? [];
      if (f.name === 'checkServerTrusted' && f.params.length >= 2 && (f.isOverride || supers.some(s => /TrustManager$/.test(s))) && trustsEverything(model, f)) {
        ctx.report({
          span: f.nameSpan,
          message: 'checkServerTrusted accepts every certificate chain (it never throws): anyone on the network can impersonate the server. Remove this trust manager; to trust a private CA, load it into a KeyStore-backed TrustManagerFactory or a network security config.',
          severity: level,
        });
      } else if (f.name === 'verify' && f.params.length === 2 && f.returnsTrue && supers.includes('HostnameVerifier')) {
        ctx.report({
          span: f.nameSpan,
          message: 'This HostnameVerifier returns true for every host: a certificate for any domain is then accepted. Remove it and keep the default verifier.',
          severity: level,
        });
      } else if (f.name === 'onReceivedSslError' && f.params.length >= 2 && f.bodySpan) {
        reportProceed(ctx, f, level);
      }
    }
    for (const call of callsNamed(model, 'NoopHostnameVerifier', 'AllowAllHostnameVerifier')) {
      if (call.isConstructor && allowAllVerifiers.test(call.callee)) {
        ctx.report({ span: call.span, message: `${call.callee} accepts every host name: a certificate for any domain then passes. Use the default hostname verifier.`, severity: level,
          fixes: dropVerifierFix(ctx, call.outer && verifierSetters.test(call.outer.callee) ? call.outer : undefined) });
      }
    }
    for (const ref of refsNamed(model, 'ALLOW_ALL_HOSTNAME_VERIFIER', 'INSTANCE')) {
      const allowAll = ref.name === 'ALLOW_ALL_HOSTNAME_VERIFIER' || (ref.name === 'INSTANCE' && allowAllVerifiers.test(ref.qualifier ?? ''));
      if (!allowAll) continue;
      const setter = ref.ctx.call && verifierSetters.test(ref.ctx.call.callee) ? ref.ctx.call : undefined;
      ctx.report({ span: ref.span, message: `${ref.qualifier ? ref.qualifier + '.' : ''}${ref.name} accepts every host name: a certificate for any domain then passes. Use the default hostname verifier.`,
        severity: level, fixes: dropVerifierFix(ctx, setter) });
    }
    for (const s of scalarsOf(model, 'false', '0')) {
      if (s.text === 'false' && s.ctx.name === 'rejectUnauthorized') {
        ctx.report({
          span: s.span,
          message: 'rejectUnauthorized: false accepts any certificate: the connection can be intercepted and its credentials read. Remove it, or trust a private CA with the `ca` option.',
          severity: level,
          fixes: [{ title: 'Set rejectUnauthorized: true', safe: true, edits: [{ span: s.span, newText: 'true' }] }],
        });
      } else if (s.text === '0' && s.ctx.name === 'NODE_TLS_REJECT_UNAUTHORIZED') {
        reportNodeEnv(ctx, s.span, level);
      }
    }
    for (const lit of model.literals) {
      if (lit.value === '0' && lit.ctx.name === 'NODE_TLS_REJECT_UNAUTHORIZED') reportNodeEnv(ctx, lit.span, level);
    }
    if (!ctx.debugSourceSet) for (const anchor of userTrustAnchors(model)) reportUserAnchor(ctx, anchor, level);
  },
};

/** `<certificates src="user"/>` outside `<debug-overrides>`: any CA the user installs can then intercept the app. */
function reportUserAnchor(ctx: RuleContext, a: UserTrustAnchor, level: Severity | undefined): void {
  const scope = a.where === 'base-config' ? 'for every host'
    : a.domains.length ? `for ${a.domains[0]}${a.domains.length > 1 ? ` (and ${a.domains.length - 1} more)` : ''}` : 'for the domains of this <domain-config>';
  // Removing the anchor would leave <trust-anchors> empty (nothing trusted): then the system CAs take its place.
  const fix: Fix = a.siblings.length
    ? { title: 'Remove <certificates src="user"/> (keep the other trust anchors)', safe: false, edits: [{ span: wholeLineOf(ctx.model.text, a.certificates.span) ?? a.certificates.span, newText: '' }] }
    : { title: 'Trust the system CAs instead (src="system")', safe: false, edits: [{ span: trimmedValue(ctx.model.text, a.attribute), newText: 'system' }] };
  ctx.report({
    span: trimmedValue(ctx.model.text, a.attribute),
    message: `<certificates src="user"/> trusts every CA the user installs ${scope}: a profile the user is talked into installing, or an MDM, can then read and change the traffic, keys and tokens included. Trust the system CAs, pin a private CA with src="@raw/…", and keep user CAs in <debug-overrides>.`,
    severity: level ?? 'warning',
    fixes: [fix],
  });
}

function reportNodeEnv(ctx: RuleContext, span: { start: number; end: number }, level: Severity | undefined): void {
  ctx.report({
    span,
    message: 'NODE_TLS_REJECT_UNAUTHORIZED = "0" switches off certificate checks for every TLS connection of the process. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.',
    severity: level,
  });
}

/** `handler.proceed()` inside `onReceivedSslError`: the WebView loads the page whatever is wrong with its certificate. */
function reportProceed(ctx: RuleContext, f: FunctionDecl, level: Severity | undefined): void {
  const { model } = ctx;
  const handler = f.params[1];
  for (const call of callsNamed(model, 'proceed')) {
    if (call.callee !== 'proceed' || call.args.length || !inside(call.span, f.bodySpan!)) continue;
    const recv = receiverName(call);
    if (recv !== handler && !/handler$/i.test(recv)) continue;
    const conditions = (model.conditionals ?? []).filter(c => inside(call.span, c.span) && inside(c.span, f.bodySpan!));
    if (conditions.some(c => debugCondition.test(c.condition))) continue;
    // Inside a condition or a callback (a dialog button), the bypass is partial: a warning, not an error.
    const nested = conditions.length > 0 || enclosingFunction(model, call.span) !== f;
    ctx.report({
      span: { start: call.span.start, end: call.span.end },
      message: 'onReceivedSslError calls proceed(): the WebView then loads the page despite an invalid certificate, so it can be intercepted. Call cancel() instead and fix the server\'s certificate.',
      severity: level ?? (nested ? 'warning' : undefined),
      fixes: [{ title: 'Call cancel() instead of proceed()', safe: true, edits: [{ span: call.calleeSpan, newText: 'cancel' }] }],
    });
  }
}
