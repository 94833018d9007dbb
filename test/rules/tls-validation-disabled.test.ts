import { ruleTester } from '../helpers/rule-tester';

const okhttp = (chain: string) => `import okhttp3.OkHttpClient\n\nval client = OkHttpClient.Builder()\n${chain}\n    .build()\n`;

ruleTester('tls-validation-disabled', {
  kotlin: {
    valid: [
      { name: 'default OkHttp client', code: okhttp('    .retryOnConnectionFailure(true)') },
      { name: 'checkServerTrusted that delegates and can throw', code: 'class Pinning(private val base: X509TrustManager) : X509TrustManager {\n    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) = base.checkClientTrusted(chain, authType)\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {\n        base.checkServerTrusted(chain, authType)\n    }\n    override fun getAcceptedIssuers(): Array<X509Certificate> = base.acceptedIssuers\n}' },
      { name: 'empty checkClientTrusted alone is not a server trust decision', code: 'val tm = object : X509TrustManager {\n    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) { throw CertificateException("no") }\n    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()\n}' },
      { name: 'verifier that checks the host', code: okhttp('    .hostnameVerifier { host, _ -> host == "api.example.com" }') },
      { name: 'unrelated lambda returning true', code: 'val all = items.filter { _, _ -> true }' },
      { name: 'proceed only in debug builds', code: 'class C : WebViewClient() {\n    override fun onReceivedSslError(view: WebView, handler: SslErrorHandler, error: SslError) {\n        if (BuildConfig.DEBUG) handler.proceed() else handler.cancel()\n    }\n}' },
      { name: 'onReceivedSslError that cancels', code: 'class C : WebViewClient() {\n    override fun onReceivedSslError(view: WebView, handler: SslErrorHandler, error: SslError) {\n        handler.cancel()\n    }\n}' },
      { name: 'a proceed() elsewhere', code: 'fun next(task: Task) { task.proceed() }' },
    ],
    invalid: [
      {
        name: 'trust-all object expression',
        code: 'val trustAll = object : X509TrustManager {\n    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}\n    override fun ⟦checkServerTrusted⟧(chain: Array<X509Certificate>, authType: String) {\n        // accept everything\n    }\n    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()\n}',
        errors: [{ severity: 'error', message: 'checkServerTrusted accepts every certificate' }],
      },
      { name: 'named class, expression body Unit', code: 'class TrustAll : X509TrustManager {\n    override fun ⟦checkServerTrusted⟧(chain: Array<X509Certificate>?, authType: String?) = Unit\n}' },
      { name: 'only logging', code: 'class TrustAll : X509ExtendedTrustManager() {\n    override fun ⟦checkServerTrusted⟧(chain: Array<X509Certificate>, authType: String) {\n        Log.d("TLS", "trusting $authType")\n    }\n}' },
      {
        name: 'OkHttp hostnameVerifier lambda, removed from the chain',
        code: okhttp('    .hostnameVerifier ⟦{ _, _ -> true }⟧'),
        errors: [{ fixOutputs: [okhttp('').replace('()\n\n', '()\n')] }],
      },
      {
        name: 'SAM constructor passed to the builder',
        code: 'val client = OkHttpClient.Builder().hostnameVerifier(HostnameVerifier ⟦{ _, _ -> true }⟧).build()',
        errors: [{ fixOutputs: ['val client = OkHttpClient.Builder().build()'] }],
      },
      { name: 'SAM constructor bound to a name', code: 'val trustAllHosts = HostnameVerifier ⟦{ hostname, session -> true }⟧' },
      { name: 'anonymous HostnameVerifier', code: 'val v = object : HostnameVerifier {\n    override fun ⟦verify⟧(hostname: String?, session: SSLSession?): Boolean = true\n}' },
      {
        name: 'onReceivedSslError proceeds',
        code: 'class C : WebViewClient() {\n    override fun onReceivedSslError(view: WebView?, handler: SslErrorHandler?, error: SslError?) {\n        ⟦handler?.proceed()⟧\n    }\n}',
        errors: [{ severity: 'error', fixOutputs: ['class C : WebViewClient() {\n    override fun onReceivedSslError(view: WebView?, handler: SslErrorHandler?, error: SslError?) {\n        handler?.cancel()\n    }\n}'] }],
      },
      {
        name: 'conditional proceed is a warning',
        code: 'class C : WebViewClient() {\n    override fun onReceivedSslError(view: WebView, handler: SslErrorHandler, error: SslError) {\n        if (error.primaryError == SslError.SSL_UNTRUSTED) ⟦handler.proceed()⟧ else handler.cancel()\n    }\n}',
        errors: [{ severity: 'warning', fixOutputs: ['class C : WebViewClient() {\n    override fun onReceivedSslError(view: WebView, handler: SslErrorHandler, error: SslError) {\n        if (error.primaryError == SslError.SSL_UNTRUSTED) handler.cancel() else handler.cancel()\n    }\n}'] }],
      },
      {
        name: 'test sources are information',
        path: 'app/src/test/java/com/example/TlsTest.kt',
        code: 'val trustAllHosts = HostnameVerifier ⟦{ _, _ -> true }⟧',
        errors: [{ severity: 'info' }],
      },
    ],
  },
  java: {
    valid: [
      'class A { OkHttpClient c = new OkHttpClient.Builder().build(); }',
      { name: 'verifier delegating to the default', code: 'class A { void f(HttpsURLConnection c) { c.setHostnameVerifier((h, s) -> HttpsURLConnection.getDefaultHostnameVerifier().verify(h, s)); } }' },
      { name: 'verify with a real check', code: 'class V implements HostnameVerifier { public boolean verify(String h, SSLSession s) { if (!"api.example.com".equals(h)) return false; return true; } }' },
      { name: 'default Apache verifier', code: 'class A { SSLConnectionSocketFactory f = new SSLConnectionSocketFactory(ctx, new DefaultHostnameVerifier()); }' },
    ],
    invalid: [
      {
        name: 'anonymous trust-all trust manager',
        code: 'class A {\n  TrustManager[] trustAll = new TrustManager[] { new X509TrustManager() {\n    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }\n    @Override public void ⟦checkServerTrusted⟧(X509Certificate[] chain, String authType) { }\n    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }\n  } };\n}',
      },
      { name: 'lambda verifier on HttpsURLConnection', code: 'class A { void f() { HttpsURLConnection.setDefaultHostnameVerifier(⟦(hostname, session) -> true⟧); } }' },
      {
        name: 'lambda verifier in an OkHttp chain',
        code: 'class A { OkHttpClient c = new OkHttpClient.Builder()\n    .hostnameVerifier(⟦(h, s) -> true⟧)\n    .build(); }',
        errors: [{ fixOutputs: ['class A { OkHttpClient c = new OkHttpClient.Builder()\n    .build(); }'] }],
      },
      { name: 'anonymous HostnameVerifier', code: 'class A { void f(HttpsURLConnection c) { c.setHostnameVerifier(new HostnameVerifier() {\n  @Override public boolean ⟦verify⟧(String hostname, SSLSession session) { Log.d("x", hostname); return true; }\n}); } }' },
      { name: 'verifier variable', code: 'class A { void f() { HostnameVerifier allHosts = ⟦(h, s) -> true⟧; } }' },
      { name: 'Apache ALLOW_ALL_HOSTNAME_VERIFIER', code: 'class A { void f(SSLSocketFactory sf) { sf.setHostnameVerifier(⟦SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER⟧); } }' },
      {
        name: 'Apache NoopHostnameVerifier in a builder chain',
        code: 'class A { CloseableHttpClient c = HttpClients.custom().setSSLHostnameVerifier(⟦NoopHostnameVerifier.INSTANCE⟧).build(); }',
        errors: [{ fixOutputs: ['class A { CloseableHttpClient c = HttpClients.custom().build(); }'] }],
      },
      { name: 'new NoopHostnameVerifier()', code: 'class A { SSLConnectionSocketFactory f = new SSLConnectionSocketFactory(ctx, ⟦new NoopHostnameVerifier()⟧); }' },
      {
        name: 'WebViewClient subclass proceeding',
        code: 'class W extends WebViewClient {\n  @Override public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) { ⟦handler.proceed()⟧; }\n}',
        errors: [{ fixOutputs: ['class W extends WebViewClient {\n  @Override public void onReceivedSslError(WebView view, SslErrorHandler handler, SslError error) { handler.cancel(); }\n}'] }],
      },
      {
        name: 'proceed from a dialog button is a warning',
        code: 'class W extends WebViewClient {\n  @Override public void onReceivedSslError(WebView view, final SslErrorHandler handler, SslError error) {\n    builder.setPositiveButton("Continue", (d, w) -> ⟦handler.proceed()⟧);\n  }\n}',
        errors: [{ severity: 'warning', fixOutputs: ['class W extends WebViewClient {\n  @Override public void onReceivedSslError(WebView view, final SslErrorHandler handler, SslError error) {\n    builder.setPositiveButton("Continue", (d, w) -> handler.cancel());\n  }\n}'] }],
      },
    ],
  },
  typescript: {
    valid: [
      "import https from 'node:https';\nconst agent = new https.Agent({ rejectUnauthorized: true });",
      { name: 'a private CA instead', code: "import tls from 'node:tls';\nconst socket = tls.connect({ host: 'db.internal', port: 5432, ca: [caPem] });" },
      { name: 'env var set to 1', code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';" },
      { name: 'the name alone', code: "const name = 'NODE_TLS_REJECT_UNAUTHORIZED';" },
    ],
    invalid: [
      {
        name: 'https.Agent',
        code: "import https from 'node:https';\nconst agent = new https.Agent({ rejectUnauthorized: ⟦false⟧ });",
        errors: [{ severity: 'error', fixOutputs: ["import https from 'node:https';\nconst agent = new https.Agent({ rejectUnauthorized: true });"] }],
      },
      {
        name: 'axios httpsAgent',
        code: "import axios from 'axios';\nimport https from 'https';\nexport const api = axios.create({ baseURL: 'https://api.example.com', httpsAgent: new https.Agent({ rejectUnauthorized: ⟦false⟧ }) });",
        errors: [{ fixOutputs: ["import axios from 'axios';\nimport https from 'https';\nexport const api = axios.create({ baseURL: 'https://api.example.com', httpsAgent: new https.Agent({ rejectUnauthorized: true }) });"] }],
      },
      { name: 'process.env assignment', code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = ⟦'0'⟧;" },
      { name: 'process.env subscript', code: "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = ⟦\"0\"⟧;" },
      {
        name: 'spec files are information',
        path: 'src/api.spec.ts',
        code: "const opts = { host: 'localhost', rejectUnauthorized: ⟦false⟧ };",
        errors: [{ severity: 'info', fixOutputs: ["const opts = { host: 'localhost', rejectUnauthorized: true };"] }],
      },
    ],
  },
  javascript: {
    valid: ["const tls = require('tls');\ntls.connect({ host: 'example.com', port: 443 });"],
    invalid: [
      {
        name: 'tls.connect',
        code: "const tls = require('tls');\nconst s = tls.connect({ host: 'example.com', port: 443, rejectUnauthorized: ⟦false⟧ });",
        errors: [{ fixOutputs: ["const tls = require('tls');\nconst s = tls.connect({ host: 'example.com', port: 443, rejectUnauthorized: true });"] }],
      },
      {
        name: 'request library options',
        code: "const request = require('request');\nrequest({ url: 'https://api.example.com/data', agentOptions: { rejectUnauthorized: ⟦false⟧ } }, cb);",
        errors: [{ fixOutputs: ["const request = require('request');\nrequest({ url: 'https://api.example.com/data', agentOptions: { rejectUnauthorized: true } }, cb);"] }],
      },
    ],
  },
  'network-security-config': {
    valid: [
      { name: 'user CAs in debug-overrides', code: nsc('<base-config>\n        <trust-anchors><certificates src="system"/></trust-anchors>\n    </base-config>\n    <debug-overrides>\n        <trust-anchors>\n            <certificates src="user"/>\n        </trust-anchors>\n    </debug-overrides>') },
      { name: 'a private CA pinned from raw resources', code: nsc('<domain-config>\n        <domain>api.example.com</domain>\n        <trust-anchors><certificates src="@raw/company_ca"/></trust-anchors>\n    </domain-config>') },
      { name: 'user CAs for the emulator host only', code: nsc('<domain-config>\n        <domain>10.0.2.2</domain>\n        <trust-anchors><certificates src="user"/></trust-anchors>\n    </domain-config>') },
      { name: 'debug source set', path: 'app/src/debug/res/xml/network_security_config.xml', code: nsc('<base-config>\n        <trust-anchors><certificates src="user"/></trust-anchors>\n    </base-config>') },
      { name: 'certificates outside trust-anchors (not a trust anchor)', code: nsc('<base-config>\n        <certificates src="user"/>\n    </base-config>') },
    ],
    invalid: [
      {
        name: 'base-config trusting user CAs next to the system ones: the fix removes the line',
        code: nsc('<base-config>\n        <trust-anchors>\n            <certificates src="system"/>\n            <certificates src="⟦user⟧" overridePins="true"/>\n        </trust-anchors>\n    </base-config>'),
        errors: [{
          severity: 'warning',
          message: '<certificates src="user"/> trusts every CA the user installs for every host: a profile the user is talked into installing, or an MDM, can then read and change the traffic, keys and tokens included. Trust the system CAs, pin a private CA with src="@raw/…", and keep user CAs in <debug-overrides>.',
          fixOutputs: [nsc('<base-config>\n        <trust-anchors>\n            <certificates src="system"/>\n        </trust-anchors>\n    </base-config>')],
        }],
      },
      {
        name: 'user CAs alone: the fix trusts the system CAs instead',
        code: nsc('<domain-config>\n        <domain includeSubdomains="true">api.example.com</domain>\n        <domain>localhost</domain>\n        <trust-anchors>\n            <certificates src="⟦user⟧"/>\n        </trust-anchors>\n    </domain-config>'),
        errors: [{
          message: 'trusts every CA the user installs for api.example.com:',
          fixOutputs: [nsc('<domain-config>\n        <domain includeSubdomains="true">api.example.com</domain>\n        <domain>localhost</domain>\n        <trust-anchors>\n            <certificates src="system"/>\n        </trust-anchors>\n    </domain-config>')],
        }],
      },
      {
        name: 'on one line with its sibling: only the element goes',
        code: nsc('<domain-config>\n        <domain>a.example.com</domain>\n        <domain>b.example.com</domain>\n        <trust-anchors><certificates src="system"/><certificates src="⟦user⟧"/></trust-anchors>\n    </domain-config>'),
        errors: [{
          message: 'for a.example.com (and 1 more):',
          fixOutputs: [nsc('<domain-config>\n        <domain>a.example.com</domain>\n        <domain>b.example.com</domain>\n        <trust-anchors><certificates src="system"/></trust-anchors>\n    </domain-config>')],
        }],
      },
      {
        name: 'half-typed: the file ends after the anchor',
        code: '<network-security-config>\n    <base-config>\n        <trust-anchors>\n            <certificates src="⟦user⟧"/>\n        <',
        errors: [{ message: 'for every host', fixOutputs: ['<network-security-config>\n    <base-config>\n        <trust-anchors>\n            <certificates src="system"/>\n        <'] }],
      },
      {
        name: 'test sources are information',
        path: 'app/src/androidTest/res/xml/network_security_config.xml',
        code: nsc('<base-config>\n        <trust-anchors><certificates src="⟦user⟧"/></trust-anchors>\n    </base-config>'),
        errors: [{ severity: 'info', fixOutputs: [nsc('<base-config>\n        <trust-anchors><certificates src="system"/></trust-anchors>\n    </base-config>')] }],
      },
    ],
  },
});

function nsc(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<network-security-config>\n    ${body}\n</network-security-config>\n`;
}
