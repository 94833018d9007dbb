import jwt from 'jsonwebtoken';
import { SESSION_SIGNING_KEY } from './config';

export interface SessionClaims {
  sub: string;
  role: 'customer' | 'staff';
}

// Deliberate: a literal HMAC secret; whoever reads the repository can mint sessions.
export function issueLegacySession(claims: SessionClaims): string {
  return jwt.sign(claims, 'FAKEjw3Wp2Lx9Vt4Rb8Nc1Yd6Sj', { algorithm: 'HS256', expiresIn: '1h' }); // expect: hardcoded-signing-key
}

// Deliberate (across files): the constant from config.ts is reported in config.ts.
export function issuePreviewSession(claims: SessionClaims): string {
  return jwt.sign(claims, SESSION_SIGNING_KEY, { algorithm: 'HS256', expiresIn: '15m' });
}

// Correct: the secret comes from the environment, the algorithm is pinned and the lifetime is short.
function sessionSecret(): string {
  const secret = process.env.JWT_SECRET;
  if (!secret) throw new Error('JWT_SECRET is not set');
  return secret;
}

export function issueSession(claims: SessionClaims): string {
  return jwt.sign(claims, sessionSecret(), { algorithm: 'HS256', expiresIn: '1h' });
}

export function verifySession(token: string): SessionClaims {
  return jwt.verify(token, sessionSecret(), { algorithms: ['HS256'] }) as SessionClaims;
}
