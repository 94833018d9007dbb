import { ruleTester } from '../helpers/rule-tester';

const jjwt = (body: string) => `import io.jsonwebtoken.Jwts\nimport java.util.Date\n\nobject Tokens {\n${body}\n}`;
const javaJwt = (body: string) => `import com.auth0.jwt.JWT;\nimport com.auth0.jwt.algorithms.Algorithm;\nimport java.util.Date;\n\nclass Tokens {\n${body}\n}`;
const jsonwebtoken = (body: string) => `import jwt from 'jsonwebtoken';\n\n${body}`;

ruleTester('long-lived-token', {
  kotlin: {
    valid: [
      { name: 'one hour', code: jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(Date(System.currentTimeMillis() + 3_600_000L)).signWith(key).compact()') },
      { name: 'fifteen minutes from TimeUnit', code: jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(Date(System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(15))).signWith(key).compact()') },
      { name: 'lifetime from a parameter (unknown)', code: jjwt('    fun issue(u: String, ttl: Long) = Jwts.builder().subject(u).expiration(Date(System.currentTimeMillis() + ttl)).signWith(key).compact()') },
      { name: 'claims map may hold exp', code: jjwt('    fun issue(claims: Map<String, Any>) = Jwts.builder().claims(claims).signWith(key).compact()') },
      { name: 'a parsed token, not an issued one', code: jjwt('    fun read(t: String) = Jwts.parser().verifyWith(key).build().parseSignedClaims(t).payload') },
      { name: 'an unrelated setExpiration', code: 'class Cache { fun f(e: Entry) { e.setExpiration(Date(System.currentTimeMillis() + 86_400_000L)) } }' },
      { name: 'a raised maximum', code: jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(Date(System.currentTimeMillis() + 86_400_000L)).signWith(key).compact()'), options: { maxTokenLifetimeSeconds: 86400 } },
    ],
    invalid: [
      {
        name: 'one day in milliseconds',
        code: jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(⟦Date(System.currentTimeMillis() + 86_400_000L)⟧).signWith(key).compact()'),
        errors: [{ severity: 'warning', message: 'Token lifetime of 1 day (jjwt expiration) exceeds the allowed 1 hour', fixOutputs: [jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(Date(System.currentTimeMillis() + 3_600_000L)).signWith(key).compact()')] }],
      },
      {
        name: 'thirty days from TimeUnit',
        code: jjwt('    fun issue(u: String) = Jwts.builder().setSubject(u).setExpiration(⟦Date(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(30))⟧).signWith(key).compact()'),
        errors: [{ message: '30 days', fixOutputs: [jjwt('    fun issue(u: String) = Jwts.builder().setSubject(u).setExpiration(Date(System.currentTimeMillis() + TimeUnit.HOURS.toMillis(1))).signWith(key).compact()')] }],
      },
      {
        name: 'a constant holding the lifetime (no fix: the constant may be used elsewhere)',
        code: jjwt('    private const val VALIDITY_MS = 7 * 24 * 60 * 60 * 1000L\n    fun issue(u: String) = Jwts.builder().subject(u).expiration(⟦Date(System.currentTimeMillis() + VALIDITY_MS)⟧).signWith(key).compact()'),
        errors: [{ message: '7 days' }],
      },
      {
        name: 'Instant plus ChronoUnit',
        code: jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(⟦Date.from(Instant.now().plus(7, ChronoUnit.DAYS))⟧).signWith(key).compact()'),
        errors: [{ fixOutputs: [jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(Date.from(Instant.now().plus(1, ChronoUnit.HOURS))).signWith(key).compact()')] }],
      },
      {
        name: 'a local now',
        code: jjwt('    fun issue(u: String): String {\n        val now = Date()\n        return Jwts.builder().subject(u).issuedAt(now).expiration(⟦Date(now.time + 1000 * 60 * 60 * 24 * 7)⟧).signWith(key).compact()\n    }'),
        errors: [{ fixOutputs: [jjwt('    fun issue(u: String): String {\n        val now = Date()\n        return Jwts.builder().subject(u).issuedAt(now).expiration(Date(now.time + 60 * 60 * 1000)).signWith(key).compact()\n    }')] }],
      },
      {
        name: 'no expiry at all',
        code: jjwt('    fun issue(u: String) = Jwts.builder().subject(u).signWith(key).⟦compact⟧()'),
        errors: [{ severity: 'warning', message: 'Token issued without an expiry' }],
      },
      {
        name: 'java-jwt with kotlin.time',
        code: 'import com.auth0.jwt.JWT\nfun issue(u: String) = JWT.create().withSubject(u).withExpiresAt(⟦Date(System.currentTimeMillis() + 7.days.inWholeMilliseconds)⟧).sign(alg)',
        errors: [{ fixOutputs: ['import com.auth0.jwt.JWT\nfun issue(u: String) = JWT.create().withSubject(u).withExpiresAt(Date(System.currentTimeMillis() + 1.hours.inWholeMilliseconds)).sign(alg)'] }],
      },
      {
        name: 'a lower maximum: the fix uses it',
        options: { maxTokenLifetimeSeconds: 900 },
        code: jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(⟦Date.from(Instant.now().plusSeconds(3600))⟧).signWith(key).compact()'),
        errors: [{ message: 'exceeds the allowed 15 minutes', fixOutputs: [jjwt('    fun issue(u: String) = Jwts.builder().subject(u).expiration(Date.from(Instant.now().plusSeconds(900))).signWith(key).compact()')] }],
      },
      {
        name: 'test sources are information',
        path: 'app/src/test/java/com/example/TokensTest.kt',
        code: jjwt('    fun issue(u: String) = Jwts.builder().subject(u).signWith(key).⟦compact⟧()'),
        errors: [{ severity: 'info' }],
      },
    ],
  },
  java: {
    valid: [
      javaJwt('    String issue(String u) { return JWT.create().withSubject(u).withExpiresAt(new Date(System.currentTimeMillis() + 60 * 60 * 1000)).sign(alg); }'),
      javaJwt('    String issue(String u, Date exp) { return JWT.create().withSubject(u).withExpiresAt(exp).sign(alg); }'),
      javaJwt('    String issue(Map<String, Object> p) { return JWT.create().withPayload(p).sign(alg); }'),
    ],
    invalid: [
      {
        name: 'Duration.ofDays',
        code: javaJwt('    String issue(String u) { return JWT.create().withSubject(u).withExpiresAt(⟦Date.from(Instant.now().plus(Duration.ofDays(7)))⟧).sign(alg); }'),
        errors: [{ message: '7 days (java-jwt withExpiresAt)', fixOutputs: [javaJwt('    String issue(String u) { return JWT.create().withSubject(u).withExpiresAt(Date.from(Instant.now().plus(Duration.ofHours(1)))).sign(alg); }')] }],
      },
      {
        name: 'a static final constant',
        code: javaJwt('    private static final long EXPIRATION_TIME = 864_000_000; // 10 days\n    String issue(String u) { return JWT.create().withSubject(u).withExpiresAt(⟦new Date(System.currentTimeMillis() + EXPIRATION_TIME)⟧).sign(alg); }'),
        errors: [{ message: '10 days' }],
      },
      {
        name: 'plusSeconds',
        code: javaJwt('    String issue(String u) { return JWT.create().withSubject(u).withExpiresAt(⟦Instant.now().plusSeconds(604800)⟧).sign(alg); }'),
        errors: [{ fixOutputs: [javaJwt('    String issue(String u) { return JWT.create().withSubject(u).withExpiresAt(Instant.now().plusSeconds(3600)).sign(alg); }')] }],
      },
      {
        name: 'no withExpiresAt',
        code: javaJwt('    String issue(String u) { return JWT.create().withSubject(u).⟦sign⟧(Algorithm.HMAC256(secret)); }'),
        errors: [{ message: 'java-jwt without withExpiresAt' }],
      },
      {
        name: 'jjwt in Java, milliseconds literal',
        code: 'import io.jsonwebtoken.Jwts;\nclass T { String f(String u) { return Jwts.builder().setSubject(u).setExpiration(⟦new Date(System.currentTimeMillis() + 86400000)⟧).signWith(key).compact(); } }',
        errors: [{ fixOutputs: ['import io.jsonwebtoken.Jwts;\nclass T { String f(String u) { return Jwts.builder().setSubject(u).setExpiration(new Date(System.currentTimeMillis() + 3600000)).signWith(key).compact(); } }'] }],
      },
    ],
  },
  typescript: {
    valid: [
      jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: '1h' });"),
      jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: 15 * 60 });"),
      jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: '120' });"),
      { name: 'lifetime from the environment', code: jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: process.env.JWT_TTL });") },
      { name: 'payload of unknown shape', code: jsonwebtoken('export const t = (claims: object) => jwt.sign(claims, key);') },
      { name: 'options spread', code: jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { ...defaults });") },
      { name: 'exp claim of one hour', code: jsonwebtoken("export const t = jwt.sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 60 * 60 }, key);") },
      { name: 'jose, two hours allowed', code: "import { SignJWT } from 'jose';\nexport const t = () => new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key);", options: { maxTokenLifetimeSeconds: 7200 } },
      { name: 'another library\'s sign', code: "import { sign } from './crypto';\nexport const s = sign({ a: 1 }, key);" },
    ],
    invalid: [
      {
        name: 'expiresIn string',
        code: jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: ⟦'7d'⟧ });"),
        errors: [{ message: '7 days (jsonwebtoken expiresIn)', fixOutputs: [jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: '1h' });")] }],
      },
      {
        name: 'expiresIn seconds product',
        code: jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: ⟦60 * 60 * 24⟧ });"),
        errors: [{ fixOutputs: [jsonwebtoken("export const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: 60 * 60 });")] }],
      },
      {
        name: 'expiresIn from a constant',
        code: jsonwebtoken("const TOKEN_TTL = 604800;\nexport const t = jwt.sign({ sub: 'u1' }, key, { expiresIn: ⟦TOKEN_TTL⟧ });"),
        errors: [{ message: '7 days' }],
      },
      {
        name: 'options object bound to a name',
        code: jsonwebtoken("const options = { algorithm: 'HS256', expiresIn: ⟦'30 days'⟧ } as const;\nexport const t = jwt.sign({ sub: 'u1' }, key, options);"),
        errors: [{ fixOutputs: [jsonwebtoken("const options = { algorithm: 'HS256', expiresIn: '1h' } as const;\nexport const t = jwt.sign({ sub: 'u1' }, key, options);")] }],
      },
      {
        name: 'exp claim in the payload',
        code: jsonwebtoken("export const t = jwt.sign({ sub: 'u1', exp: ⟦Math.floor(Date.now() / 1000) + 7 * 24 * 3600⟧ }, key);"),
        errors: [{ message: 'exp claim', fixOutputs: [jsonwebtoken("export const t = jwt.sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 60 * 60 }, key);")] }],
      },
      {
        name: 'no expiry',
        code: jsonwebtoken("export const t = jwt.⟦sign⟧({ sub: 'u1' }, key, { algorithm: 'HS256' });"),
        errors: [{ message: 'without an expiry' }],
      },
      {
        name: 'jose setExpirationTime',
        code: "import { SignJWT } from 'jose';\nexport const t = () => new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(⟦'2 days'⟧).sign(key);",
        errors: [{ fixOutputs: ["import { SignJWT } from 'jose';\nexport const t = () => new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);"] }],
      },
      {
        name: 'jose without setExpirationTime',
        code: "import { SignJWT } from 'jose';\nexport const t = () => new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'HS256' }).⟦sign⟧(key);",
        errors: [{ message: 'jose SignJWT without setExpirationTime' }],
      },
      {
        name: 'NestJS signOptions',
        code: "import { JwtModule } from '@nestjs/jwt';\nexport const auth = JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: ⟦'365d'⟧ } });",
        errors: [{ message: '365 days', fixOutputs: ["import { JwtModule } from '@nestjs/jwt';\nexport const auth = JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '1h' } });"] }],
      },
    ],
  },
  javascript: {
    valid: [
      "const jwt = require('jsonwebtoken');\nmodule.exports = (u) => jwt.sign({ sub: u.id }, process.env.JWT_SECRET, { expiresIn: '10m' });",
    ],
    invalid: [
      {
        name: 'require, expiresIn in seconds',
        code: "const jwt = require('jsonwebtoken');\nmodule.exports = (u) => jwt.sign({ sub: u.id }, process.env.JWT_SECRET, { expiresIn: ⟦86400⟧ });",
        errors: [{ fixOutputs: ["const jwt = require('jsonwebtoken');\nmodule.exports = (u) => jwt.sign({ sub: u.id }, process.env.JWT_SECRET, { expiresIn: 3600 });"] }],
      },
      {
        name: 'named import, no expiry',
        code: "import { sign } from 'jsonwebtoken';\nexport const issue = (u) => ⟦sign⟧({ sub: u.id }, process.env.JWT_SECRET);",
      },
    ],
  },
});
