import { ruleTester } from '../helpers/rule-tester';

const rn = (body: string) => `import React from 'react';\nimport { WebView } from 'react-native-webview';\n\n${body}`;

ruleTester('oauth-embedded-webview', {
  kotlin: {
    valid: [
      { name: 'a help page in a WebView', code: 'fun help(webView: WebView) = webView.loadUrl("https://example.com/help")' },
      { name: 'shouldOverrideUrlLoading that only routes links', code: 'class C : WebViewClient() {\n    override fun shouldOverrideUrlLoading(view: WebView, request: WebResourceRequest): Boolean {\n        return request.url.host != "example.com"\n    }\n}' },
      { name: 'authorize URL opened in Custom Tabs', code: 'const val AUTH_URL = "https://idp.example.com/authorize?client_id=app&response_type=code"\nfun open(ctx: Context) = CustomTabsIntent.Builder().build().launchUrl(ctx, Uri.parse(AUTH_URL))' },
      { name: 'code read outside a WebView callback', code: 'fun onNewIntent(intent: Intent) { val code = intent.data?.getQueryParameter("code") }' },
    ],
    invalid: [
      {
        name: 'loadUrl of an authorize URL constant',
        code: 'const val AUTH_URL = "https://accounts.example.com/o/oauth2/auth?client_id=app&response_type=code"\nfun signIn(webView: WebView) = webView.loadUrl(⟦AUTH_URL⟧)',
        errors: [{ severity: 'warning', message: 'RFC 8252 §8.12' }],
      },
      {
        name: 'loadUrl of a URL built with buildUpon',
        code: 'fun signIn(webView: WebView) {\n    val url = Uri.parse("https://idp.example.com/oauth2/authorize").buildUpon()\n        .appendQueryParameter("client_id", CLIENT_ID)\n        .build().toString()\n    webView.loadUrl(⟦url⟧)\n}',
      },
      {
        name: 'shouldOverrideUrlLoading fishing the code',
        code: 'class C : WebViewClient() {\n    override fun ⟦shouldOverrideUrlLoading⟧(view: WebView, request: WebResourceRequest): Boolean {\n        val code = request.url.getQueryParameter("code") ?: return false\n        exchange(code)\n        return true\n    }\n}',
      },
      {
        name: 'the String overload looking for access_token',
        code: 'val client = object : WebViewClient() {\n    override fun ⟦shouldOverrideUrlLoading⟧(view: WebView, url: String): Boolean {\n        if (url.contains("access_token=")) save(url)\n        return false\n    }\n}',
      },
      { name: 'test sources are information', path: 'app/src/test/java/com/example/LoginTest.kt', code: 'fun signIn(webView: WebView) = webView.loadUrl(⟦"https://idp.example.com/authorize?client_id=app&response_type=code"⟧)', errors: [{ severity: 'info' }] },
    ],
  },
  java: {
    valid: ['class A { void f(WebView w) { w.loadUrl("file:///android_asset/index.html"); } }'],
    invalid: [
      { name: 'loadUrl of a concatenated authorize URL', code: 'class A { void f(WebView w) { w.loadUrl(⟦AUTH_ENDPOINT + "?response_type=code&client_id=" + CLIENT_ID⟧); } }' },
      {
        name: 'anonymous WebViewClient',
        code: 'class A { void f(WebView w) { w.setWebViewClient(new WebViewClient() {\n  @Override public boolean ⟦shouldOverrideUrlLoading⟧(WebView view, String url) {\n    String code = Uri.parse(url).getQueryParameter("code");\n    return code != null;\n  }\n}); } }',
      },
    ],
  },
  tsx: {
    valid: [
      rn("export const Help = () => <WebView source={{ uri: 'https://example.com/help' }} onNavigationStateChange={(n) => setUrl(n.url)} />;"),
      { name: 'not a react-native WebView', code: "export const Frame = () => <WebView source={{ uri: 'https://idp.example.com/authorize?client_id=app' }} />;" },
    ],
    invalid: [
      {
        name: 'source with an authorize URL',
        code: rn("const authUrl = `https://idp.example.com/authorize?client_id=app&response_type=code&redirect_uri=${encodeURIComponent('com.example.app:/cb')}`;\nexport const Login = () => <WebView source=⟦{{ uri: authUrl }}⟧ />;"),
      },
      {
        name: 'onNavigationStateChange handler parsing code=',
        code: rn("export function Login({ url }: { url: string }) {\n  const onNav = (nav: { url: string }) => { if (nav.url.includes('code=')) finish(nav.url); };\n  return <WebView source={{ uri: url }} ⟦onNavigationStateChange={onNav}⟧ />;\n}"),
      },
    ],
  },
  javascript: {
    valid: ["import WebView from 'react-native-webview';\nexport const Page = () => <WebView source={{ uri: 'https://example.com' }} />;"],
    invalid: [
      {
        name: 'default import, inline handler',
        code: "import WebView from 'react-native-webview';\nexport const Login = ({ url }) => <WebView source={{ uri: url }} ⟦onShouldStartLoadWithRequest={(req) => { if (req.url.indexOf('access_token=') >= 0) { save(req.url); return false; } return true; }}⟧ />;",
      },
    ],
  },
});
