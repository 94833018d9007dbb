// The generic rule: a plausible secret value bound to a secret-like name, or any literal that reaches a credential
// sink (an Authorization header, an SDK client's key) whatever its name.
import type { Rule } from './rule';
import type { StringLiteral } from '../model/model';
import { classifySink, headerNameOf } from '../sinks';
import { isPlaceholder } from '../secrets/placeholder';
import { isPlausibleSecretValue, isPublicName, isPublishableKeyValue, isSecretName } from '../secrets/plausible';
import { obviouslyFake, relatedUses, suggestedName } from './secret-common';
import { maskSecret } from '../secrets/mask';

// Authorization scheme words before the credential itself.
const scheme = /^(bearer|basic|token|apikey|api-key|key|digest|hmac|sso-key)\s+/i;

/** The credential part of a header value (`Bearer abc` → `abc`; `Authorization: Bearer abc` in Retrofit @Headers). */
function credentialPart(value: string): string {
  return value.trim().replace(scheme, '').trim();
}

function sinkValueLooksReal(value: string): boolean {
  const v = credentialPart(value);
  return v.length >= 8 && !/\s/.test(v) && !isPlaceholder(v) && !v.includes('${…}') && !isPublishableKeyValue(v);
}

/** Retrofit `@Headers("Authorization: Bearer …")`: a header line in an annotation. */
function headerLineCredential(lit: StringLiteral): string | undefined {
  const call = lit.ctx.call;
  if (!call || call.callee !== 'Headers' || lit.ctx.concatenated) return undefined;
  const m = /^\s*([A-Za-z0-9-]+)\s*:\s*(.+)$/.exec(lit.value);
  return m && /^(authorization|x-api-key|api-key|x-auth-token|x-access-token)$/i.test(m[1]) ? m[2] : undefined;
}

/**
 * The name a literal is bound to and the value to judge, without surrounding whitespace (Java text blocks, Kotlin
 * raw strings with trimIndent); Gradle's `buildConfigField("String", "NAME",
 * "\"value\"")` and `resValue("string", "name", "value")` bind the value to their second argument.
 */
function binding(lit: StringLiteral): { name?: string; value: string } {
  const value = lit.value.trim();
  const call = lit.ctx.call;
  if (call && (call.callee === 'buildConfigField' || call.callee === 'resValue') && lit.ctx.argIndex === 2 && call.args[1]?.stringValue) {
    return { name: call.args[1].stringValue, value: value.replace(/^"(.*)"$/s, '$1') };
  }
  return { name: lit.ctx.name, value };
}

export const hardcodedSecret: Rule = {
  meta: {
    id: 'hardcoded-secret',
    category: 'secret',
    // A live credential in code: error, like the other secret rules (rules.md, Severities).
    defaultLevel: 'error',
    description: 'A plausible secret bound to a secret-like name (apiKey, token, password, …) or passed to a credential sink (Authorization header, SDK client key).',
    advice: 'A key in source ships in every build and stays in git history: revoke and rotate it, then load it at run time (server: environment or secret store; app: a backend proxy that keeps the key).',
    fixable: true,
  },
  keywords: ['authorization', 'x-api-key', 'apikey', 'api_key', 'openai', 'generativemodel', 'credentials.basic', 'bearerauth', 'setbasicauth', 'passwordauthentication', '@headers',
    'buildconfigfield', 'resvalue'],
  check(ctx) {
    for (const lit of ctx.model.literals) {
      if (lit.value.length < 8) continue;
      const uses = ctx.usesOf(lit);
      const sinkUses = uses.filter(u => classifySink(u.ctx)?.kind === 'credential');
      const headerLine = headerLineCredential(lit);
      let reason: string | undefined;
      let shown = lit.value;
      let boundName = lit.ctx.name;
      if ((sinkUses.length && !lit.interpolated && sinkValueLooksReal(lit.value)) || (headerLine && sinkValueLooksReal(headerLine))) {
        reason = headerLine ? 'in an Authorization header' : `passed as ${classifySink(sinkUses[0].ctx)!.what}`;
      } else if (!lit.interpolated && !lit.ctx.concatenated) {
        const { name, value } = binding(lit);
        // A header *name* (`"X-Session-Token"`) bound to a constant is a name, not a value.
        // A publishable key (`pk_live_…`) is public by design, whatever it is called (`STRIPE_KEY`).
        if (name && isSecretName(name) && !isPublicName(name) && !headerNameOf(lit.ctx) && isPlausibleSecretValue(value) && !isPublishableKeyValue(value)) {
          shown = value;
          boundName = name;
          reason = `assigned to \`${name}\``;
        }
      }
      if (!reason) continue;
      // A value trimmed out of a multi-line literal is underlined itself, not the whitespace around it.
      const at = shown !== lit.value ? ctx.model.text.indexOf(shown, lit.contentSpan.start) : -1;
      ctx.report({
        literal: lit,
        span: at >= 0 && at + shown.length <= lit.contentSpan.end ? { start: at, end: at + shown.length } : undefined,
        message: `Hard-coded secret ${reason} (${maskSecret(shown)}). Revoke and rotate it, then load it at run time; a key shipped in an app can still be extracted, so keep it behind your backend.`,
        severity: ctx.inTest && obviouslyFake(lit.value) ? 'info' : undefined,
        related: relatedUses(ctx, sinkUses, u => `used as ${classifySink(u.ctx)!.what} here`),
        data: { kind: 'generic', suggestedName: suggestedName({ ...lit.ctx, name: boundName }, 'API_KEY') },
      });
    }
  },
};
