// A token, key, secret, password, authorization code or AuthState written to a log or the console: logs end up
// in logcat, crash reports, CI output and log aggregators, where whoever reads them can replay the value.
import type { Rule } from './rule';
import type { CallSite, ValueContext } from '../model/model';
import type { LanguageId, Span } from '../types';
import { callsWhere, nameTest } from './memo';
import { flowsInto, holesOf, isSensitiveAccessor, isSensitiveExpression, isSensitiveName, objectEntries, quoteOf, sameSpan, within } from './token-common';

interface LoggerEntry {
  /** The receiver chain joined with '.'. */
  receiver: RegExp;
  callee: RegExp;
  languages?: readonly LanguageId[];
}

/** Logging and printing calls (Android, JVM, Node/browser), one table for every language. */
const loggers: readonly LoggerEntry[] = [
  { receiver: /^(android\.util\.)?Log$/, callee: /^(v|d|i|w|e|wtf|println)$/ },
  { receiver: /^Timber(\.|$)/, callee: /^(v|d|i|w|e|wtf|log)$/ },
  { receiver: /^System\.(out|err)$/, callee: /^(println|print|printf|format)$/ },
  { receiver: /^$/, callee: /^(println|print)$/, languages: ['kotlin'] },
  { receiver: /^console$/, callee: /^(log|info|warn|error|debug|trace|dir)$/ },
  // SLF4J, Logback, java.util.logging, kotlin-logging, winston, pino, bunyan, log4js: `logger.info(…)`, `LOG.debug(…)`.
  {
    receiver: /(^|\.)(_?logger|_?log|LOG|LOGGER|Logger|mLogger|sLogger|logging|log4js|winston|pino|bunyan)$|(^|\.)getLogger\(.*\)$/,
    callee: /^(trace|debug|info|warn|warning|error|fatal|verbose|silly|log|severe|fine|finer|finest|config|v|d|i|w|e|wtf)$/,
  },
];

/** Every callee of the table, to skip most calls before joining their receiver. */
const anyLoggerCallee = /^(v|d|i|w|e|wtf|println|print|printf|format|log|info|warn|warning|error|debug|trace|dir|fatal|verbose|silly|severe|fine|finer|finest|config)$/;

const mayLog = nameTest(anyLoggerCallee);
const loggerCandidates = callsWhere(mayLog);
const sensitiveAccessorCalls = callsWhere(isSensitiveAccessor);

function loggerName(call: CallSite, language: LanguageId): string | undefined {
  if (!mayLog(call.callee)) return undefined;
  const recv = call.receiver.join('.');
  const hit = loggers.find(l => l.callee.test(call.callee) && l.receiver.test(recv) && (!l.languages || l.languages.includes(language)));
  return hit ? (recv ? `${recv.replace(/\(.*\)$/, '()')}.${call.callee}` : call.callee) : undefined;
}

interface Leak {
  /** What is replaced by the redaction. */
  span: Span;
  /** Where the finding sits (the expression). */
  at: Span;
  what: string;
  logger: string;
  /** The leak is inside a string: the redaction is plain text, not a literal. */
  inString: boolean;
  /** A shorthand property (`{ token }`): the redaction keeps the key (`{ token: '<redacted>' }`). */
  shorthand?: boolean;
}

export const tokenLogged: Rule = {
  meta: {
    id: 'token-logged',
    category: 'token',
    defaultLevel: 'warning',
    description: 'A token, key, secret, password, authorization code or AuthState passed to a logger or the console.',
    advice: 'Logs reach logcat, crash reports, CI output and log services, where anyone who reads them can replay the value. Log that a token exists, never the token itself.',
    fixable: true,
  },
  keywords: [],
  allOf: [
    ['log.', 'timber', 'println', 'print(', 'console.', 'logger', 'system.out', 'system.err', 'printf', 'logging', 'klogger', 'mu.'],
    ['token', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'apikey', 'api_key', 'authstate', 'jsonserialize', 'authorizationcode', 'authcode', 'credential', 'bearer', 'jwt', 'privatekey', 'private_key'],
  ],
  check(ctx) {
    const model = ctx.model;
    const names = new Map<CallSite, string | undefined>();
    const isLogger = (c: CallSite) => {
      if (!mayLog(c.callee)) return false;
      if (!names.has(c)) names.set(c, loggerName(c, model.language));
      return names.get(c) !== undefined;
    };
    const loggerOf = (v: ValueContext | undefined) => {
      const call = flowsInto(v, isLogger);
      return call ? names.get(call)! : undefined;
    };
    const leaks: Leak[] = [];
    for (const ref of model.references) {
      // Only a value passed to a call can reach a logger (flowsInto): the others are skipped before reading more.
      if (!ref.ctx.call) continue;
      // `console.log({ token: t })` logs the token under its name whatever `t` is called.
      const key = ref.ctx.keyPath[0];
      if (!isSensitiveName(ref.name, ref.qualifier) && !(key && isSensitiveName(key))) continue;
      const logger = loggerOf(ref.ctx);
      const what = isSensitiveName(ref.name, ref.qualifier) ? (ref.qualifier ? `${ref.qualifier}.${ref.name}` : ref.name) : `${key}: ${ref.name}`;
      if (logger) leaks.push({ span: ref.span, at: ref.span, what, logger, inString: false });
    }
    for (const call of sensitiveAccessorCalls(model)) {
      const logger = loggerOf(call.ctx);
      if (!logger) continue;
      const text = model.text.slice(call.span.start, call.span.end);
      leaks.push({ span: call.span, at: call.span, what: text.length <= 60 && !text.includes('\n') ? text : `${call.callee}()`, logger, inString: false });
    }
    let lambdaLoggers: CallSite[] | undefined;
    for (const lit of model.literals) {
      if (!lit.interpolated) continue;
      let logger = loggerOf(lit.ctx);
      // kotlin-logging: `logger.debug { "token=$token" }`, the message is what the lambda returns.
      if (!logger && !lit.ctx.call && lit.ctx.name === undefined) {
        lambdaLoggers ??= loggerCandidates(model).filter(c => c.args.length === 0 && isLogger(c));
        const owner = lambdaLoggers.find(c => within(lit.span, c.span));
        if (owner) logger = names.get(owner);
      }
      if (!logger) continue;
      for (const h of holesOf(model, lit)) {
        if (isSensitiveExpression(h.text)) leaks.push({ span: h.outer, at: h.span, what: h.text, logger, inString: true });
      }
    }
    // `console.log({ token })`: a shorthand property is no reference in the model; read the object's entries.
    for (const call of loggerCandidates(model)) {
      if (!isLogger(call)) continue;
      for (const arg of call.args) {
        if (!arg.text.startsWith('{')) continue;
        for (const e of objectEntries(model, arg.span) ?? []) {
          if (!e.shorthand || !e.key || !isSensitiveName(e.key)) continue;
          leaks.push({ span: e.value, at: e.value, what: e.key, logger: names.get(call)!, inString: false, shorthand: true });
        }
      }
    }
    const quote = quoteOf(model);
    const seen: Span[] = [];
    for (const leak of leaks.sort((a, b) => a.at.start - b.at.start || b.at.end - a.at.end)) {
      if (seen.some(s => within(leak.at, s) || sameSpan(s, leak.at))) continue;
      seen.push(leak.at);
      ctx.report({
        span: leak.at,
        message: `\`${leak.what}\` is written to the log (${leak.logger}): logs reach logcat, crash reports and log services, where the value can be read and replayed. Log a redacted value or nothing.`,
        severity: ctx.inTest ? 'info' : undefined,
        fixes: [{
          title: 'Redact the logged value',
          safe: false,
          edits: [{ span: leak.span, newText: leak.inString ? '<redacted>' : `${leak.shorthand ? `${leak.what}: ` : ''}${quote}<redacted>${quote}` }],
        }],
        data: { kind: 'logged-token' },
      });
    }
  },
};
