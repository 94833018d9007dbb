// Sign-in settings of the shop's React Native app (react-native-app-auth), kept next to the backend.
import { authorize, type AuthConfiguration, type AuthorizeResult } from 'react-native-app-auth';

// Correct: a public client: HTTPS issuer, reverse-domain redirect, PKCE on (the library default), no secret.
export const signInConfig: AuthConfiguration = {
  issuer: 'https://login.shop.example.com',
  clientId: 'shop-mobile',
  redirectUrl: 'com.example.shop:/oauth2redirect',
  scopes: ['openid', 'profile', 'offline_access'],
};

// Deliberate: the partner login was copied from a server-side sample, secret included.
export const partnerSignInConfig: AuthConfiguration = {
  issuer: 'https://partners.shop.example.com',
  clientId: 'shop-partner-mobile',
  clientSecret: 'FAKErn5Tx7Lp4Vb9Kc6Md3Hn8Qw2Zr', // expect: hardcoded-client-secret
  redirectUrl: 'com.example.shop:/partner-redirect',
  scopes: ['openid', 'orders.read'],
};

export const signInLabels = {
  title: 'Sign in to your shop account',
  partnerTitle: 'Partner sign-in',
  secretQuestion: 'What was the name of your first pet?',
};

export function signIn(asPartner: boolean): Promise<AuthorizeResult> {
  return authorize(asPartner ? partnerSignInConfig : signInConfig);
}
