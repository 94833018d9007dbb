import { ruleTester } from '../helpers/rule-tester';

const jwtTs = (body: string) => `import jwt from 'jsonwebtoken';\n\n${body}`;

ruleTester('jwt-unverified', {
  kotlin: {
    valid: [
      { name: 'verified with java-jwt', code: 'import com.auth0.jwt.JWT\nfun userId(t: String): String = JWT.require(Algorithm.RSA256(publicKey, null)).build().verify(t).subject' },
      {
        name: 'decode only picks the key, then verifies',
        code: 'import com.auth0.jwt.JWT\nfun verify(t: String): DecodedJWT {\n    val kid = JWT.decode(t).keyId\n    return JWT.require(Algorithm.RSA256(keys.getValue(kid), null)).build().verify(t)\n}',
      },
      { name: 'decode to read the expiry (client-side refresh)', code: 'import com.auth0.jwt.JWT\nfun expiresSoon(t: String): Boolean = JWT.decode(t).expiresAt.time < System.currentTimeMillis() + 60_000' },
      { name: 'decode result only displayed', code: 'import com.auth0.jwt.JWT\nfun showName(t: String) { nameView.text = JWT.decode(t).getClaim("name").asString() }' },
      { name: 'jjwt with a key', code: 'import io.jsonwebtoken.Jwts\nfun claims(t: String) = Jwts.parser().verifyWith(key).build().parseSignedClaims(t).payload' },
      { name: 'jjwt 0.11 with a signing key', code: 'import io.jsonwebtoken.Jwts\nfun claims(t: String) = Jwts.parserBuilder().setSigningKey(key).build().parseClaimsJws(t).body' },
    ],
    invalid: [
      {
        name: 'decoded subject returned as the current user',
        code: 'import com.auth0.jwt.JWT\nfun currentUserId(t: String): String = JWT.⟦decode⟧(t).subject',
        errors: [{ severity: 'error', message: 'java-jwt JWT.decode reads the token without checking its signature' }],
      },
      {
        name: 'decoded role compared',
        code: 'import com.auth0.jwt.JWT\nfun isAdmin(t: String): Boolean {\n    val role = JWT.⟦decode⟧(t).getClaim("role").asString()\n    return role == "admin"\n}',
      },
      { name: 'Algorithm.none()', code: 'import com.auth0.jwt.algorithms.Algorithm\nval verifier = JWT.require(⟦Algorithm.none()⟧).build()' },
      { name: 'jjwt unsecured parsing', code: 'import io.jsonwebtoken.Jwts\nfun claims(t: String) = Jwts.parser().⟦unsecured⟧().build().⟦parseUnsecuredClaims⟧(t).payload' },
      { name: 'jjwt parser without a key', code: 'import io.jsonwebtoken.Jwts\nfun claims(t: String) = Jwts.parser().build().⟦parse⟧(t)' },
      { name: 'jjwt 0.11 unsigned claims', code: 'import io.jsonwebtoken.Jwts\nfun claims(t: String) = Jwts.parser().⟦parseClaimsJwt⟧(t).body' },
      {
        name: 'test sources are information',
        path: 'app/src/test/java/com/example/JwtTest.kt',
        code: 'import com.auth0.jwt.algorithms.Algorithm\nval verifier = JWT.require(⟦Algorithm.none()⟧).build()',
        errors: [{ severity: 'info' }],
      },
    ],
  },
  java: {
    valid: [
      'import com.auth0.jwt.JWT;\nclass A { String user(String t) { return JWT.require(Algorithm.HMAC256(secret)).build().verify(t).getSubject(); } }',
      'import com.auth0.jwt.JWT;\nclass A { long expiry(String t) { return JWT.decode(t).getExpiresAt().getTime(); } }',
    ],
    invalid: [
      {
        name: 'decoded claim in a condition',
        code: 'import com.auth0.jwt.JWT;\nimport com.auth0.jwt.interfaces.DecodedJWT;\nclass A {\n    boolean canDelete(String t) {\n        DecodedJWT jwt = JWT.⟦decode⟧(t);\n        if (jwt.getClaim("admin").asBoolean()) return true;\n        return false;\n    }\n}',
      },
      { name: 'Algorithm.none() in Java', code: 'import com.auth0.jwt.algorithms.Algorithm;\nclass A { Algorithm a = ⟦Algorithm.none()⟧; }' },
      { name: 'jjwt parseUnsecuredClaims', code: 'import io.jsonwebtoken.Jwts;\nclass A { Object c(String t) { return Jwts.parser().⟦unsecured⟧().build().⟦parseUnsecuredClaims⟧(t).getPayload(); } }' },
    ],
  },
  typescript: {
    valid: [
      jwtTs("export const verify = (t: string) => jwt.verify(t, publicKey, { algorithms: ['RS256'] });"),
      {
        name: 'decode picks the key before verifying',
        code: jwtTs("export function verify(t: string) {\n  const { header } = jwt.decode(t, { complete: true }) as any;\n  return jwt.verify(t, keys[header.kid], { algorithms: ['RS256'] });\n}"),
      },
      { name: 'decode to schedule a refresh', code: jwtTs('export function scheduleRefresh(t: string) {\n  const claims = jwt.decode(t) as { exp: number };\n  if (claims.exp * 1000 < Date.now() + 60_000) refresh();\n}') },
      { name: 'decode for display only', code: jwtTs('export function describe(t: string) {\n  const claims = jwt.decode(t) as any;\n  render(claims.name);\n}') },
      { name: 'a decode of another library', code: "import { decode } from './base64';\nexport function isAdmin(t: string) { return decode(t).role === 'admin'; }" },
      { name: 'jose jwtVerify', code: "import { jwtVerify } from 'jose';\nexport const check = (t: string) => jwtVerify(t, key, { algorithms: ['ES256'] });" },
      { name: 'verify options from a name with algorithms', code: jwtTs("const opts = { algorithms: ['RS256'] as jwt.Algorithm[] };\nexport const verify = (t: string) => jwt.verify(t, publicKey, opts);") },
    ],
    invalid: [
      {
        name: 'decode returned from an auth function',
        code: jwtTs('export function getUserFromToken(t: string) {\n  return jwt.⟦decode⟧(t);\n}'),
        errors: [{ severity: 'error' }],
      },
      { name: 'decoded role compared', code: jwtTs("export function isAdmin(t: string) {\n  const payload = jwt.⟦decode⟧(t) as any;\n  return payload.role === 'admin';\n}") },
      {
        name: 'decode-only middleware',
        code: jwtTs('export const authenticate = (req: any, res: any, next: () => void) => {\n  const decoded = jwt.⟦decode⟧(req.headers.authorization);\n  if (!decoded) return res.status(401).end();\n  req.user = decoded;\n  next();\n};'),
      },
      { name: 'jose decodeJwt compared to the user', code: "import { decodeJwt } from 'jose';\nexport function owns(t: string, doc: { ownerId: string }) {\n  const claims = ⟦decodeJwt⟧(t);\n  return claims.sub === doc.ownerId;\n}" },
      {
        name: 'none accepted and expiry ignored',
        code: jwtTs("export const verify = (t: string) => jwt.verify(t, key, { algorithms: ['HS256', '⟦none⟧'], ignoreExpiration: ⟦true⟧ });"),
        errors: [{ message: 'The `none` algorithm is accepted' }, { message: 'ignoreExpiration' }],
      },
      {
        name: 'verify without algorithms is information',
        code: jwtTs('export const verify = (t: string) => jwt.⟦verify⟧(t, key);'),
        errors: [{ severity: 'info', message: 'without an `algorithms` list' }],
      },
      { name: 'verify with a callback and no options', code: jwtTs('export const verify = (t: string, cb: any) => jwt.⟦verify⟧(t, key, cb);'), errors: [{ severity: 'info' }] },
      { name: 'jose UnsecuredJWT', code: "import { UnsecuredJWT } from 'jose';\nexport const read = (t: string) => UnsecuredJWT.⟦decode⟧(t).payload;" },
      {
        name: 'decode gating app UI is information',
        code: "import { useMemo } from 'react';\nimport { decodeJwt } from 'jose';\nexport function useIsAdmin(token: string) {\n  return useMemo(() => {\n    const claims = ⟦decodeJwt⟧(token);\n    return claims.role === 'admin';\n  }, [token]);\n}",
        errors: [{ severity: 'info', message: 'decides what this app shows' }],
      },
      { name: 'tokens issued unsigned', code: jwtTs("export const issue = () => jwt.sign({ sub: 'u1' }, '', { algorithm: '⟦none⟧', expiresIn: '1h' });"), errors: [{ message: 'issued with the `none` algorithm' }] },
    ],
  },
  javascript: {
    valid: [
      "const jwt = require('jsonwebtoken');\nmodule.exports = (t) => jwt.verify(t, process.env.PUBLIC_KEY, { algorithms: ['RS256'] });",
    ],
    invalid: [
      { name: 'express-jwt accepting none', code: "const { expressjwt } = require('express-jwt');\nmodule.exports = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['⟦none⟧'] });" },
      { name: 'require and decode as auth', code: "const jwt = require('jsonwebtoken');\nfunction checkRole(req) {\n  const user = jwt.⟦decode⟧(req.cookies.token);\n  return user && user.role === 'admin';\n}\nmodule.exports = checkRole;" },
    ],
  },
});
