// The key-moving quick fix of the secret rules: the literal is replaced by a read of the value from outside the
// source, and the value goes where that read finds it —
//   Android module (Kotlin/Java) → BuildConfig.NAME, NAME=value in the root project's local.properties (created
//     if missing, kept git-ignored), a buildConfigField reading it in the module's Gradle file; or, when the module
//     applies the Secrets Gradle Plugin, just the properties entry (the plugin generates the field);
//   other JVM code → System.getenv("NAME") (the value is for the user to put in the environment);
//   TypeScript/JavaScript → process.env.NAME and NAME=value in the project's .env (kept git-ignored);
//   a `<meta-data android:value>` of AndroidManifest.xml → the manifest placeholder ${NAME}, NAME=value in
//     local.properties and `manifestPlaceholders["NAME"]` reading it in the module's Gradle file (just the
//     properties entry with the Secrets Gradle Plugin, which turns every property into a placeholder).
//   Resource strings and google-services.json get no such fix: resources cannot read placeholders, and the
//   Firebase file is meant to ship (restrict its key instead).
// Everything is one WorkspaceEdit. Titles say what the fix does not do: the key stays in git history.
import * as path from 'node:path';
import type { Finding, LanguageId } from '../../engine/index';
import { appendedLines, eolOf, type FileReader, type FileText, WorkspaceEditBuilder } from './workspaceEdit';
import { definitionLine, dotenvValue, literalValue, propertiesValue } from './values';
import { keepIgnored } from './gitignore';
import {
  addBuildConfigField, addManifestPlaceholder, appliesSecretsPlugin, buildConfigOnGlobally, findModule, gradleRoot,
  hasBuildConfigField, hasManifestPlaceholder, isAndroidModule, namespaceOf, secretsPropertiesFile, type GradleModule,
} from './gradle';

export const rotateNote = 'revoke and rotate it: it stays in git history';

export interface KeyMoveInput {
  finding: Finding;
  document: FileText;
  language: LanguageId;
  /** The workspace folder holding the file (the fix looks no higher for Gradle and package files). */
  stopDir: string;
  reader: FileReader;
}

export interface KeyMove {
  title: string;
  builder: WorkspaceEditBuilder;
}

export function keyMoveFix(input: KeyMoveInput): KeyMove | undefined {
  const { finding, document } = input;
  const span = finding.data.literalSpan;
  const baseName = finding.data.suggestedName;
  if (!span || !baseName || !/^[A-Z][A-Z0-9_]*$/.test(baseName)) return undefined;
  const value = literalValue(document.text.slice(span.start, span.end));
  if (value === undefined || value === '') return undefined;
  const kts = document.fsPath.endsWith('.kts');
  switch (input.language) {
    case 'kotlin':
    case 'java': {
      if (!kts) {
        const module = findModule(path.dirname(document.fsPath), input.stopDir, p => input.reader.read(p));
        if (module && isAndroidModule(module)) return androidFix(input, module, baseName, value);
      }
      return environmentFix(input, baseName);
    }
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return dotenvFix(input, baseName, value);
    case 'xml':
      return manifestFix(input, baseName);
    default:
      return undefined; // Gradle and properties files: the value is configuration already
  }
}

function androidFix(input: KeyMoveInput, module: GradleModule, baseName: string, value: string): KeyMove | undefined {
  const { document, reader, finding } = input;
  const target = propertiesTarget(input, module, baseName, value, n => hasBuildConfigField(module, n));
  const { name, secrets } = target;
  const builder = new WorkspaceEditBuilder();
  builder.replace(document, finding.data.literalSpan!.start, finding.data.literalSpan!.end, `BuildConfig.${name.name}`);
  addBuildConfigImport(builder, document, input.language, namespaceOf(module));
  const gradleOk = addBuildConfigField(builder, module, name.name, !secrets && !hasBuildConfigField(module, name.name), buildConfigOnGlobally(p => reader.read(p), target.root));
  if (!gradleOk) return undefined;
  writeProperty(builder, reader, target);
  return { title: `Move key to ${target.via} → BuildConfig.${name.name} (${rotateNote})`, builder };
}

/** Where an Android module's key goes: `local.properties` at the Gradle root, or the Secrets Gradle Plugin's file. */
interface PropertiesTarget {
  root: string;
  secrets: boolean;
  propsName: string;
  propsPath: string;
  props: ReturnType<KeyMoveInput['reader']['read']>;
  /** The property's name, and whether the file holds it already with this value. */
  name: { name: string; state: 'free' | 'same' };
  line: string;
  /** How the title names the file. */
  via: string;
}

/**
 * The properties file and a free name for the key. `declared(n)`: the module's Gradle file already uses `n` (a
 * BuildConfig field, a manifest placeholder); that counts only without the Secrets Gradle Plugin, which declares
 * them itself.
 */
function propertiesTarget(input: KeyMoveInput, module: GradleModule, baseName: string, value: string, declared: (name: string) => boolean): PropertiesTarget {
  const root = gradleRoot(module.dir, input.stopDir);
  const secrets = appliesSecretsPlugin(module);
  const propsName = secrets ? secretsPropertiesFile(module) : 'local.properties';
  const propsPath = path.join(root, ...propsName.split('/'));
  const props = input.reader.read(propsPath);
  const line = (n: string) => `${n}=${propertiesValue(value)}`;
  const name = chooseName(baseName, n => {
    const existing = props ? definitionLine(props.text, n, false) : undefined;
    if (existing === undefined) return !secrets && declared(n) ? 'taken' : 'free';
    return existing.trim() === line(n) ? 'same' : 'taken';
  });
  return {
    root, secrets, propsName, propsPath, props, name, line: line(name.name),
    via: secrets ? `${propsName} (Secrets Gradle Plugin)` : propsName,
  };
}

/** Writes the key's line into the properties file (unless it holds it already) and keeps the file out of git. */
function writeProperty(builder: WorkspaceEditBuilder, reader: KeyMoveInput['reader'], t: PropertiesTarget): void {
  if (t.name.state === 'free') {
    if (t.props) builder.insert(t.props, t.props.text.length, appendedLines(t.props.text, [t.line]));
    else builder.create(t.propsPath, `${t.line}\n`);
  }
  keepIgnored(builder, reader, t.propsPath, t.root, `/${t.propsName}`);
}

/** `<meta-data android:name="…" android:value="KEY"/>` in AndroidManifest.xml → `android:value="${NAME}"`. */
function manifestFix(input: KeyMoveInput, baseName: string): KeyMove | undefined {
  const { document, reader, finding } = input;
  const span = finding.data.literalSpan!;
  const text = document.text;
  if (path.basename(document.fsPath) !== 'AndroidManifest.xml' || (text[span.start] !== '"' && text[span.start] !== "'")) return undefined;
  const tagStart = text.lastIndexOf('<', span.start);
  if (!/^<meta-data\s/.test(text.slice(tagStart, tagStart + 11)) || !/\bandroid:value\s*=\s*$/.test(text.slice(tagStart, span.start))) return undefined;
  const value = text.slice(span.start + 1, span.end - 1);
  // An entity or a character XML would have to escape: not worth guessing how to write it back.
  if (!value || /[&<"'\\\s]/.test(value)) return undefined;
  const module = findModule(path.dirname(document.fsPath), input.stopDir, p => reader.read(p));
  if (!module || !isAndroidModule(module)) return undefined;
  const target = propertiesTarget(input, module, baseName, value, n => hasManifestPlaceholder(module, n));
  const { name, secrets } = target;
  const builder = new WorkspaceEditBuilder();
  builder.replace(document, span.start + 1, span.end - 1, `\${${name.name}}`);
  if (!secrets && !hasManifestPlaceholder(module, name.name) && !addManifestPlaceholder(builder, module, name.name)) return undefined;
  writeProperty(builder, reader, target);
  return { title: `Move key to ${target.via} → manifest placeholder \${${name.name}} (${rotateNote})`, builder };
}

function environmentFix(input: KeyMoveInput, baseName: string): KeyMove | undefined {
  const { document, finding } = input;
  const span = finding.data.literalSpan!;
  // System.getenv(…) is no compile-time constant: inside an annotation it cannot compile.
  if (insideAnnotation(document.text, span.start)) return undefined;
  const builder = new WorkspaceEditBuilder();
  builder.replace(document, span.start, span.end, `System.getenv("${baseName}")`);
  if (input.language === 'kotlin') {
    // `const val X = System.getenv(…)` does not compile either: the declaration loses `const`.
    const lineStart = document.text.lastIndexOf('\n', span.start - 1) + 1;
    const decl = /\bconst\s+(?=val\b)/.exec(document.text.slice(lineStart, span.start));
    if (decl) builder.replace(document, lineStart + decl.index, lineStart + decl.index + decl[0].length, '');
  }
  return { title: `Read key from the environment → System.getenv("${baseName}") (${rotateNote})`, builder };
}

function dotenvFix(input: KeyMoveInput, baseName: string, value: string): KeyMove | undefined {
  const { document, reader, finding } = input;
  const encoded = dotenvValue(value);
  if (encoded === undefined) return undefined;
  const root = packageRoot(path.dirname(document.fsPath), input.stopDir, reader);
  const envPath = path.join(root, '.env');
  const env = reader.read(envPath);
  const name = chooseName(baseName, n => {
    const existing = env ? definitionLine(env.text, n, true) : undefined;
    if (existing === undefined) return 'free';
    return existing.trim() === `${n}=${encoded}` ? 'same' : 'taken';
  });
  const builder = new WorkspaceEditBuilder();
  const span = finding.data.literalSpan!;
  // A JSX attribute takes a string or an {expression}: `apiKey="…"` becomes `apiKey={process.env.NAME}`.
  const read = `process.env.${name.name}`;
  builder.replace(document, span.start, span.end, input.language !== 'typescript' && jsxAttributeValue(document.text, span.start) ? `{${read}}` : read);
  if (name.state === 'free') {
    if (env) builder.insert(env, env.text.length, appendedLines(env.text, [`${name.name}=${encoded}`]));
    else builder.create(envPath, `${name.name}=${encoded}\n`);
  }
  keepIgnored(builder, reader, envPath, root, '.env');
  return { title: `Move key to .env → process.env.${name.name} (${rotateNote})`, builder };
}

/** NAME, else NAME_2, NAME_3…: the first one free or already holding this very value. */
function chooseName(base: string, state: (name: string) => 'free' | 'same' | 'taken'): { name: string; state: 'free' | 'same' } {
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}_${i}`;
    const s = state(name);
    if (s !== 'taken') return { name, state: s };
  }
}

/** BuildConfig lives in the module's namespace: a file in another package imports it. */
function addBuildConfigImport(builder: WorkspaceEditBuilder, doc: FileText, language: LanguageId, namespace: string | undefined): void {
  if (!namespace) return;
  const text = doc.text;
  const pkg = /^[ \t]*package[ \t]+([\w.]+)[ \t]*;?[ \t]*$/m.exec(text);
  if (pkg?.[1] === namespace || /^[ \t]*import[ \t]+[\w.]*\bBuildConfig\b/m.test(text)) return;
  const eol = eolOf(text);
  const statement = `import ${namespace}.BuildConfig${language === 'java' ? ';' : ''}`;
  const imports = [...text.matchAll(/^[ \t]*import[ \t]+[^\r\n]*/gm)];
  const last = imports[imports.length - 1];
  if (last) builder.insert(doc, last.index! + last[0].length, `${eol}${statement}`);
  else if (pkg) builder.insert(doc, pkg.index + pkg[0].length, `${eol}${eol}${statement}`);
  else builder.insert(doc, 0, `${statement}${eol}${eol}`);
}

/** The nearest folder with a package.json at or above `dir` (not above `stopDir`), else `stopDir`. */
function packageRoot(dir: string, stopDir: string, reader: FileReader): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (reader.read(path.join(d, 'package.json'))) return d;
    if (d === stopDir || path.dirname(d) === d) return stopDir;
  }
}

/** Whether the offset sits in the argument list of an annotation (`@Headers("…")`) on its line. */
function insideAnnotation(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /@[\w.]+\s*\([^)]*$/.test(text.slice(lineStart, offset));
}

/** Whether the literal at `offset` is an attribute value inside a JSX opening tag (`<Map apiKey="…"`). */
function jsxAttributeValue(text: string, offset: number): boolean {
  const tagStart = text.lastIndexOf('<', offset);
  if (tagStart < 0 || offset - tagStart > 2000) return false;
  const attribute = String.raw`\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?`;
  return new RegExp(String.raw`^<[A-Za-z][\w.:-]*(?:${attribute})*\s+[\w:-]+\s*=\s*$`).test(text.slice(tagStart, offset));
}
