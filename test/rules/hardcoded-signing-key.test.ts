import { ruleTester } from '../helpers/rule-tester';

ruleTester('hardcoded-signing-key', {
  kotlin: {
    valid: [
      'fun f(k: ByteArray) { mac.init(SecretKeySpec(k, "HmacSHA256")) }',
      'fun f() { mac.init(SecretKeySpec(BuildConfig.SIGNING_KEY.toByteArray(), "HmacSHA256")) }',
      'fun f() { val key = System.getenv("SIGNING_KEY")!!; Jwts.builder().signWith(Keys.hmacShaKeyFor(key.toByteArray())) }',
      { name: 'keystore key', code: 'fun f(ks: KeyStore) { val key = ks.getKey("alias", null) as SecretKey; mac.init(key) }' },
      { name: 'algorithm name is not a key', code: 'fun f(k: ByteArray) = SecretKeySpec(k, "HmacSHA256")' },
    ],
    invalid: [
      { name: 'const followed to SecretKeySpec', code: 'private const val KEY = "⟦4be8c1d09f7a36e25b1c0d4f8a9e7b63⟧"\nfun f() = SecretKeySpec(KEY.toByteArray(), "HmacSHA256")', errors: [{ severity: 'error', message: 'key of SecretKeySpec' }] },
      { name: 'inline literal', code: 'fun f() { mac.init(SecretKeySpec("⟦short⟧".toByteArray(Charsets.UTF_8), "HmacSHA256")) }', errors: [{ message: '•••(5 chars)' }] },
      { name: 'jjwt hmacShaKeyFor', code: 'val token = Jwts.builder().signWith(Keys.hmacShaKeyFor("⟦my-super-secret-signing-key-123456⟧".toByteArray())).compact()', errors: [{ message: 'my-s…(34 chars)' }] },
      { name: 'object member by qualifier', code: 'object Keys2 {\n    const val HMAC = "⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧"\n}\nfun f() = Mac.getInstance("HmacSHA256").init(SecretKeySpec(Keys2.HMAC.toByteArray(), "HmacSHA256"))' },
      { name: 'constant IV', code: 'fun f() = IvParameterSpec("⟦0123456789abcdef⟧".toByteArray())' },
      { name: 'java-jwt from Kotlin', code: 'val alg = Algorithm.HMAC256("⟦jwt-secret⟧")' },
      { name: 'obviously fake key in a test source is information', path: 'app/src/test/java/com/example/SignerTest.kt', code: 'val alg = Algorithm.HMAC256("⟦test-secret⟧")', errors: [{ severity: 'info' }] },
    ],
  },
  java: {
    valid: [
      'class A { void f(byte[] k) throws Exception { mac.init(new SecretKeySpec(k, "HmacSHA256")); } }',
      'class A { void f() { Algorithm a = Algorithm.HMAC256(System.getenv("JWT_SECRET")); } }',
      'class A { static final String ALGO = "HmacSHA256"; void f(byte[] k) { new SecretKeySpec(k, ALGO); } }',
    ],
    invalid: [
      { name: 'static final followed through getBytes', code: 'class S {\n  private static final String KEY = "⟦4be8c1d09f7a36e25b1c0d4f8a9e7b63⟧";\n  void f() throws Exception { mac.init(new SecretKeySpec(KEY.getBytes(), "HmacSHA256")); }\n}' },
      { name: 'java-jwt', code: 'class A { Algorithm a = Algorithm.HMAC512("⟦jwt-secret-value⟧"); }' },
      { name: 'legacy jjwt signWith(alg, key)', code: 'class A { String t = Jwts.builder().signWith(SignatureAlgorithm.HS256, "⟦legacy-secret⟧").compact(); }' },
      { name: 'setSigningKey', code: 'class A { Object c = Jwts.parser().setSigningKey("⟦parse-secret⟧").parseClaimsJws(t); }' },
    ],
  },
  typescript: {
    valid: [
      "import jwt from 'jsonwebtoken';\njwt.sign({ sub: 1 }, process.env.JWT_SECRET!, { expiresIn: '1h' });",
      "const sig = crypto.createHmac('sha256', secretFromVault).update(body).digest('hex');",
      { name: 'sign of another library', code: "signer.sign({ sub: 1 }, 'not-a-key-argument');" },
      "const key = new TextEncoder().encode(process.env.JOSE_SECRET);\nawait new SignJWT({}).sign(key);",
    ],
    invalid: [
      { name: 'jsonwebtoken sign', code: "import jwt from 'jsonwebtoken';\njwt.sign({ sub: 1 }, '⟦s3cr3t⟧', { expiresIn: '1h' });" },
      { name: 'jsonwebtoken verify through an exported constant', code: "export const SECRET = '⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧';\njwt.verify(token, SECRET, { algorithms: ['HS256'] });" },
      { name: 'jose with TextEncoder', code: "const key = new TextEncoder().encode('⟦jose-secret-value⟧');\nawait new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(key);" },
      { name: 'node crypto createHmac', code: "const sig = crypto.createHmac('sha256', '⟦hmac-key-123⟧').update(body).digest('hex');" },
    ],
  },
  javascript: {
    valid: ["const jwt = require('jsonwebtoken');\njwt.sign(payload, process.env.SECRET);"],
    invalid: [
      { code: "const jwt = require('jsonwebtoken');\nconst token = jwt.sign(payload, `⟦template-secret⟧`);" },
    ],
  },
});
