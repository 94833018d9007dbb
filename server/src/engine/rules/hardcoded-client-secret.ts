// An OAuth client secret written in code. A public client (an app, a browser page) cannot keep one (RFC 8252
// §8.5, RFC 6749 §2.1); server code should read it from the environment or a secret store.
import type { Rule } from './rule';
import { classifySink } from '../sinks';
import { isPlaceholder } from '../secrets/placeholder';
import { clientKind, obviouslyFake, relatedUses, suggestedName } from './secret-common';
import { maskSecret } from '../secrets/mask';

// `client_secret=…` inside a form body or URL literal.
const inlineParam = /(?:^|[?&\s])client_secret=([^&\s"'#]+)/;

export const hardcodedClientSecret: Rule = {
  meta: {
    id: 'hardcoded-client-secret',
    category: 'secret',
    defaultLevel: 'error',
    description: 'An OAuth client secret written in code (AppAuth ClientSecretBasic/Post, client_secret in a token request, clientSecret in an OAuth config).',
    advice: 'A public client (mobile app, browser) cannot keep a client secret: use PKCE without one, or move the token exchange to a server that reads the secret from its environment.',
    fixable: true,
  },
  keywords: ['clientsecret', 'client_secret', 'client-secret'],
  check(ctx) {
    const kind = () => clientKind(ctx.model);
    for (const lit of ctx.model.literals) {
      if (lit.value.length === 0) continue;
      const uses = ctx.usesOf(lit);
      const sinks = uses.filter(u => classifySink(u.ctx)?.kind === 'client-secret');
      const inline = inlineParam.exec(lit.value);
      const value = sinks.length ? lit.value : inline?.[1];
      if (value === undefined || lit.interpolated && !inline || isPlaceholder(value) || value.includes('${…}')) continue;
      if (!sinks.length && !inline) continue;
      const why = kind() === 'server'
        ? 'read it from the environment or a secret store, and rotate this one.'
        : kind() === 'browser'
          ? 'browser code cannot keep a secret (RFC 6749 §2.1): use the code flow with PKCE and no secret, or exchange the code on a server.'
          : 'an installed app cannot keep a secret (RFC 8252 §8.5): use PKCE without a secret, or exchange the code on a server.';
      ctx.report({
        literal: lit,
        message: `OAuth client secret hard-coded (${maskSecret(lit.value)}): ${why}`,
        severity: ctx.inTest && obviouslyFake(lit.value) ? 'info' : undefined,
        related: relatedUses(ctx, sinks, u => `used as ${classifySink(u.ctx)!.what} here`),
        data: { kind: 'client-secret', suggestedName: suggestedName(lit.ctx, 'OAUTH_CLIENT_SECRET') },
      });
    }
  },
};
