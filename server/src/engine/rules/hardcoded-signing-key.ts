// A literal used as a signing, verification or encryption key (or a constant IV), whatever its shape: anyone
// who reads the code or unpacks the app can forge what the key protects.
import type { Rule } from './rule';
import { classifySink } from '../sinks';
import { obviouslyFake, relatedUses, suggestedName } from './secret-common';
import { maskSecret } from '../secrets/mask';

export const hardcodedSigningKey: Rule = {
  meta: {
    id: 'hardcoded-signing-key',
    category: 'secret',
    defaultLevel: 'error',
    description: 'A string literal used as a JWT/HMAC signing key, cipher key or IV.',
    advice: 'Whoever has the key can forge tokens or signatures. Keep keys in the Android Keystore, a KMS or the server environment, and rotate this one: it stays in git history.',
    fixable: true,
  },
  keywords: ['secretkeyspec', 'ivparameterspec', 'gcmparameterspec', 'hmacshakeyfor', 'signwith', 'setsigningkey', 'verifywith', 'decryptwith',
    'hmac256', 'hmac384', 'hmac512', 'jsonwebtoken', 'jwtverify', 'signjwt', 'createhmac', 'createsecretkey', 'createcipheriv', 'createdecipheriv', 'jwt.sign', 'jwt.verify'],
  check(ctx) {
    for (const lit of ctx.model.literals) {
      if (lit.interpolated || lit.value.length === 0) continue;
      const uses = ctx.usesOf(lit);
      const sinks = uses.map(u => ({ u, sink: classifySink(u.ctx) })).filter(x => x.sink?.kind === 'signing-key');
      if (!sinks.length) continue;
      const what = sinks[0].sink!.what;
      ctx.report({
        literal: lit,
        message: `Hard-coded ${what} (${maskSecret(lit.value)}). Anyone with the code or the app can forge what it protects: load the key from the Keystore, a KMS or the environment, and rotate this one.`,
        severity: ctx.inTest && obviouslyFake(lit.value) ? 'info' : undefined,
        related: relatedUses(ctx, sinks.map(s => s.u), u => `used as ${classifySink(u.ctx)!.what} here`),
        data: { kind: 'signing-key', suggestedName: suggestedName(lit.ctx, 'SIGNING_KEY') },
      });
    }
  },
};
