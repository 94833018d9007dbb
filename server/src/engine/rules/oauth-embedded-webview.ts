// The authorization page opened inside the app's own WebView: the app can read the password the user types and
// the page cannot show the browser's existing session or address bar (RFC 8252 §8.12). Google and others block
// sign-in from embedded WebViews. The fix is the system browser through AppAuth (Custom Tabs) — a snippet the
// editor layer offers from `data.snippet`.
import type { Rule, RuleContext } from './rule';
import type { CallSite, FileModel, FunctionDecl, MarkupElement } from '../model/model';
import type { LanguageId, Severity, Span } from '../types';
import { bindingNamed, inside } from './regions';

/** An authorization request in a URL or in the code that builds one. */
const authorizeMarkers = /response_type\s*[=,"'`)]|client_id\s*[=,"'`)]|\/authorize(?:[?/#"'`]|$)|\/oauth2?\/(?:v\d(?:\.\d)?\/)?auth(?:orize)?(?:[?/#"'`]|$)|\/openid-connect\/auth(?:[?/#"'`]|$)|\/o\/oauth2\//i;
/** Calls that read one query parameter by name. */
const paramReaders = /^(getQueryParameter|getQueryParameters|queryParameter|getParameter|get)$/;
/** Calls that look for text in a URL. */
const textSearches = /^(contains|startsWith|indexOf|lastIndexOf|includes|split|substringAfter|substringBefore|matches|match|replace|removePrefix|Regex|compile|toRegex|test|exec|search)$/;
const MAX_REGION = 4000;

function snippetFor(language: LanguageId): string {
  return language === 'kotlin' ? 'appauth-android-kotlin' : language === 'java' ? 'appauth-android-java' : 'react-native-app-auth';
}

function slice(model: FileModel, span: Span): string {
  return model.text.slice(span.start, Math.min(span.end, span.start + MAX_REGION));
}

/** Whether the code in `span` fishes an authorization code or token out of a URL. */
function readsCodeOrToken(model: FileModel, span: Span): boolean {
  return model.literals.some(l => {
    if (!inside(l.span, span)) return false;
    const call = l.ctx.call;
    if (/^(code|access_token|id_token)$/.test(l.value)) return !!call && paramReaders.test(call.callee) && l.ctx.argIndex === 0;
    if (/(^|[?&#])(code|access_token|id_token)=|^#?access_token$/.test(l.value)) return !!call && (textSearches.test(call.callee) || paramReaders.test(call.callee));
    return false;
  });
}

/** Whether an expression (its text) is, or names a value that is, an authorization URL. */
function isAuthorizeExpression(model: FileModel, text: string, at: number, depth = 0): boolean {
  if (authorizeMarkers.test(text)) return true;
  const name = /^\s*(?:this\.|state\.|this\.state\.|props\.)?([A-Za-z_$][\w$]*)\s*(?:\.toString\(\))?\s*$/.exec(text)?.[1];
  if (!name || depth > 2) return false;
  const lit = model.constants.find(c => c.name === name)?.literal;
  if (lit && authorizeMarkers.test(lit.value)) return true;
  const b = bindingNamed(model, name, at);
  return !!b && isAuthorizeExpression(model, slice(model, b.valueSpan), b.valueSpan.start, depth + 1);
}

function reportAt(ctx: RuleContext, span: Span, message: string, level: Severity | undefined): void {
  ctx.report({ span, message, severity: level, data: { kind: 'appauth-snippet', snippet: snippetFor(ctx.model.language) } });
}

const loadMessage = 'Authorization page loaded in an embedded WebView: the app can read the credentials typed there and the user cannot check the address; RFC 8252 §8.12 forbids it and Google refuses such sign-ins. Open it in the system browser with AppAuth (Custom Tabs).';
const fishMessage = 'This WebView callback takes the authorization code or token out of the redirect: the sign-in runs in an embedded WebView, which RFC 8252 §8.12 forbids. Use AppAuth with Custom Tabs and its redirect receiver instead.';

function checkLoadUrl(ctx: RuleContext, call: CallSite, level: Severity | undefined): void {
  const arg = call.args[0];
  if (call.callee !== 'loadUrl' || !arg) return;
  if (isAuthorizeExpression(ctx.model, arg.text, arg.span.start)) reportAt(ctx, arg.span, loadMessage, level);
}

function checkOverride(ctx: RuleContext, f: FunctionDecl, level: Severity | undefined): void {
  if (f.name !== 'shouldOverrideUrlLoading' || f.params.length < 2 || !f.bodySpan || !f.nameSpan) return;
  if (readsCodeOrToken(ctx.model, f.bodySpan)) reportAt(ctx, f.nameSpan, fishMessage, level);
}

/** React Native `<WebView source={{ uri: authUrl }} onNavigationStateChange={…code=…} />`. */
function checkElement(ctx: RuleContext, el: MarkupElement, webViewNames: Set<string>, level: Severity | undefined): void {
  const { model } = ctx;
  if (!webViewNames.has(el.name)) return;
  const source = el.attributes.find(a => a.name === 'source' && a.valueSpan);
  if (source) {
    const text = slice(model, source.valueSpan!);
    const uri = /\buri\s*:\s*([^,}]+)/.exec(text)?.[1];
    if (authorizeMarkers.test(text) || (uri && isAuthorizeExpression(model, uri, source.valueSpan!.start))) {
      reportAt(ctx, source.valueSpan!, loadMessage, level);
      return;
    }
  }
  for (const a of el.attributes) {
    if (!/^(onNavigationStateChange|onShouldStartLoadWithRequest|onLoadStart)$/.test(a.name) || !a.valueSpan) continue;
    let region: Span | undefined = a.valueSpan;
    if (!readsCodeOrToken(model, region)) {
      // `onNavigationStateChange={this.onNavigation}` / `{handleNavigation}`: the handler declared elsewhere in the file.
      const name = /^\{\s*(?:this\.)?([A-Za-z_$][\w$]*)\s*\}$/.exec(slice(model, a.valueSpan))?.[1];
      const fn = name ? (model.functions ?? []).find(f => f.name === name && f.bodySpan) : undefined;
      const bound = name && !fn ? bindingNamed(model, name, a.valueSpan.start) : undefined;
      region = fn?.bodySpan ?? bound?.valueSpan;
      if (!region || !readsCodeOrToken(model, region)) continue;
    }
    reportAt(ctx, a.span, fishMessage, level);
    return;
  }
}

export const oauthEmbeddedWebview: Rule = {
  meta: {
    id: 'oauth-embedded-webview',
    category: 'oauth',
    defaultLevel: 'warning',
    description: 'An OAuth authorization page opened in an embedded WebView, or a WebView callback that takes the code or token out of the redirect.',
    advice: 'Embedded WebViews let the app see the user\'s credentials and are refused by major providers (RFC 8252 §8.12). Run the authorization request in the system browser with AppAuth (Custom Tabs on Android).',
    fixable: false,
  },
  keywords: ['shouldoverrideurlloading'],
  allOf: [
    ['webview'],
    ['oauth', 'authoriz', 'client_id', 'clientid', 'response_type', 'access_token', 'code=', 'getqueryparameter', 'redirect'],
  ],
  check(ctx) {
    const { model } = ctx;
    const level: Severity | undefined = ctx.inTest ? 'info' : undefined;
    if (model.language === 'kotlin' || model.language === 'java') {
      for (const call of model.calls) checkLoadUrl(ctx, call, level);
      for (const f of model.functions ?? []) checkOverride(ctx, f, level);
      return;
    }
    const webViewNames = new Set(model.imports.filter(i => (/^react-native-webview/.test(i.from) && (i.imported === 'WebView' || i.imported === 'default'))
      || (i.from === 'react-native' && i.imported === 'WebView')).map(i => i.local));
    if (/react-native-webview/.test(model.text)) webViewNames.add('WebView');
    if (!webViewNames.size) return;
    for (const el of model.elements ?? []) checkElement(ctx, el, webViewNames, level);
  },
};
