// Settings shared by the backend modules.

// Deliberate: used as the JWT secret in jwt.ts, so it is reported here, where it is written.
export const SESSION_SIGNING_KEY = 'FAKEss6Sj3Wp2Lx9Vt4Rb8Nc1Yd'; // expect: hardcoded-signing-key

// Deliberate: a database URL with its password.
export const REPORTING_DATABASE_URL = 'postgres://reporting:FAKEr3p0rtPw2024@db.internal:5432/shop'; // expect: hardcoded-credential

// Correct: the main database URL comes from the environment.
export const DATABASE_URL = process.env.DATABASE_URL;

// Correct: the name of an environment variable is not its value.
export const PAYMENTS_DB_PASSWORD_VAR = 'PAYMENTS_DB_PASSWORD';
export const paymentsDbPassword = process.env[PAYMENTS_DB_PASSWORD_VAR];

// Correct: public identifiers, header and cookie names.
export const checkoutDefaults = {
  paymentProfileId: '4d7e1b9a2c6f30e85a1d9c4b7f2e6a03',
  merchantName: 'Example Shop',
  currency: 'EUR',
};
export const SESSION_COOKIE_NAME = 'shop_session';
export const TOKEN_HEADER_NAME = 'X-Session-Token';

// Correct: user-facing text.
export const accountLabels = {
  password: 'Password',
  passwordHint: 'Use at least 12 characters.',
  token: 'One-time code',
  tokenExpired: 'Your session has expired. Please sign in again.',
};
