import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `import android.net.Uri\nimport net.openid.appauth.*\n\n${body}`;
const java = (body: string) => `import java.util.Random;\nimport net.openid.appauth.*;\n\nclass Auth {\n${body}\n}`;
const builder = 'AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("com.example:/cb"))';
const ktState16 = '"%032x".format(java.math.BigInteger(128, java.security.SecureRandom()))';
const ktKey32 = '"%064x".format(java.math.BigInteger(256, java.security.SecureRandom()))';
const javaState16 = 'String.format("%032x", new java.math.BigInteger(128, new java.security.SecureRandom()))';
const browser32 = "btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')";
const node32 = "Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')";

ruleTester('weak-random-oauth-param', {
  kotlin: {
    valid: [
      { name: 'a UUID is fine for state', code: kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.setState(java.util.UUID.randomUUID().toString()).build()`) },
      kt('val verifier = CodeVerifierUtil.generateRandomCodeVerifier()'),
      { name: 'SecureRandom', code: 'val nonce = java.security.SecureRandom().nextLong().toString()' },
      { name: 'random for a non-secret', code: 'val backoffMillis = kotlin.random.Random.nextLong(1000)\nval requestId = System.currentTimeMillis()' },
      { name: 'a bare state outside OAuth code (a game)', code: 'import kotlin.random.Random\nval state = Random.nextInt(3)' },
      { name: 'two UUIDs make a long enough verifier', code: 'val codeVerifier = java.util.UUID.randomUUID().toString() + java.util.UUID.randomUUID().toString()' },
    ],
    invalid: [
      {
        name: 'AppAuth setState with java.util.Random',
        code: kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}\n    .setState(⟦java.util.Random().nextInt()⟧.toString())\n    .build()`),
        errors: [{ severity: 'warning', message: 'The OAuth state is made with Random', fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}\n    .setState(${ktState16})\n    .build()`)] }],
      },
      {
        name: 'a UUID as PKCE verifier',
        code: 'val codeVerifier = ⟦java.util.UUID.randomUUID()⟧.toString()',
        errors: [{ message: '43 characters', fixOutputs: [`val codeVerifier = ${ktKey32}`] }],
      },
      {
        name: 'a Random held in a field',
        code: `class Login {\n    private val rnd = java.util.Random()\n    val sessionNonce = ⟦rnd.nextLong()⟧.toString()\n}`,
        errors: [{ message: 'java.util.Random', fixOutputs: [`class Login {\n    private val rnd = java.util.Random()\n    val sessionNonce = ${ktState16}\n}`] }],
      },
      {
        name: 'a timestamp as a token',
        code: 'val sessionToken = ⟦System.currentTimeMillis()⟧.toString()',
        errors: [{ message: 'a timestamp', fixOutputs: [`val sessionToken = ${ktState16}`] }],
      },
      {
        name: 'state in a URL template',
        code: 'import kotlin.random.Random\nval url = "https://idp.example.com/authorize?response_type=code&client_id=app&state=${⟦Random.nextInt()⟧}"',
        errors: [{ message: 'kotlin.random.Random', fixOutputs: [`import kotlin.random.Random\nval url = "https://idp.example.com/authorize?response_type=code&client_id=app&state=\${${ktState16}}"`] }],
      },
    ],
  },
  java: {
    valid: [
      java('  String state() { return java.util.UUID.randomUUID().toString(); }'),
      { name: 'random for a non-secret', code: java('  int retry() { int retryDelay = new Random().nextInt(5); return retryDelay; }') },
    ],
    invalid: [
      {
        name: 'String.valueOf(new Random().nextInt())',
        code: java('  String make() { String state = String.valueOf(⟦new Random().nextInt()⟧); return state; }'),
        errors: [{ fixOutputs: [java(`  String make() { String state = ${javaState16}; return state; }`)] }],
      },
      {
        name: 'AppAuth setNonce with a timestamp',
        code: java('  void setup(AuthorizationRequest.Builder b) { b.setNonce(Long.toString(⟦System.currentTimeMillis()⟧)); }'),
        errors: [{ fixOutputs: [java(`  void setup(AuthorizationRequest.Builder b) { b.setNonce(${javaState16}); }`)] }],
      },
      {
        name: 'Math.random CSRF token',
        code: java('  String csrf() { String csrfToken = Double.toString(⟦Math.random()⟧); return csrfToken; }'),
        errors: [{ message: 'CSRF', fixOutputs: [java(`  String csrf() { String csrfToken = ${javaState16}; return csrfToken; }`)] }],
      },
    ],
  },
  typescript: {
    valid: [
      "export const state = crypto.randomUUID();",
      { name: 'a React-style key and an id', code: 'export const item = { key: Math.random(), id: Date.now() };' },
      { name: 'React list keys and component state', path: 'src/List.tsx', code: "import React, { useState } from 'react';\nexport function List({ items }: { items: string[] }) {\n  const [state, setState] = useState(0);\n  return <ul onClick={() => setState(Math.random())}>{items.map(i => <li key={Math.random()}>{i}{state}</li>)}</ul>;\n}" },
      { name: 'jitter', code: 'export const jitter = Math.random() * 100;' },
      { name: 'a secure part makes the value unpredictable', code: 'export const sessionToken = crypto.randomUUID() + Date.now();' },
      { name: 'a decision, not a value', code: "const clientId = 'app';\nexport const state = Math.random() < 0.5 ? 'on' : 'off';" },
    ],
    invalid: [
      {
        name: 'state from Math.random',
        code: "const clientId = 'app';\nexport const state = ⟦Math.random()⟧.toString(36).substring(2);",
        errors: [{ fixOutputs: ["const clientId = 'app';\nexport const state = crypto.randomUUID();"] }],
      },
      {
        name: 'a UUID as PKCE verifier in browser code',
        code: 'export const codeVerifier = ⟦crypto.randomUUID()⟧;',
        errors: [{ message: '43 characters', fixOutputs: [`export const codeVerifier = ${browser32};`] }],
      },
      {
        name: 'a verifier in server code',
        code: "import express from 'express';\nexport const codeVerifier = ⟦Math.random()⟧.toString(36) + ⟦Math.random()⟧.toString(36);",
        errors: [
          { fixOutputs: [`import express from 'express';\nexport const codeVerifier = ${node32} + Math.random().toString(36);`] },
          { fixOutputs: [`import express from 'express';\nexport const codeVerifier = Math.random().toString(36) + ${node32};`] },
        ],
      },
      {
        name: 'AppAuth-JS state from a timestamp',
        code: "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code', state: ⟦Date.now()⟧.toString() });",
        errors: [{ fixOutputs: ["import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code', state: crypto.randomUUID() });"] }],
      },
      {
        name: 'test sources are information',
        path: 'src/__tests__/login.test.ts',
        code: 'export const nonce = ⟦Math.random()⟧.toString(36);',
        errors: [{ severity: 'info', fixOutputs: ['export const nonce = crypto.randomUUID();'] }],
      },
    ],
  },
  javascript: {
    valid: [
      "export const url = (s) => `https://idp.example.com/authorize?response_type=code&client_id=app&state=${s}`;",
      "export const pick = (items) => items[Math.floor(Math.random() * items.length)];",
    ],
    invalid: [
      {
        name: 'state in a URL template',
        code: 'export const url = () => `https://idp.example.com/authorize?response_type=code&client_id=app&state=${Math.floor(⟦Math.random()⟧ * 1e9)}`;',
        errors: [{ fixOutputs: ['export const url = () => `https://idp.example.com/authorize?response_type=code&client_id=app&state=${crypto.randomUUID()}`;'] }],
      },
      {
        name: 'nonce from a timestamp in a template',
        code: 'export const nonce = `n-${⟦Date.now()⟧}`;',
        errors: [{ fixOutputs: ['export const nonce = `n-${crypto.randomUUID()}`;'] }],
      },
      {
        name: 'uuid package as PKCE verifier',
        code: "import { v4 as uuidv4 } from 'uuid';\nexport const code_verifier = ⟦uuidv4()⟧;",
        errors: [{ message: 'UUID', fixOutputs: [`import { v4 as uuidv4 } from 'uuid';\nexport const code_verifier = ${browser32};`] }],
      },
    ],
  },
});
