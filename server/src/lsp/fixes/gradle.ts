// Reading and editing an Android module's Gradle file (Kotlin DSL `build.gradle.kts` or Groovy `build.gradle`) at
// text level: is it an Android module, does it apply the Secrets Gradle Plugin, and the edits that make
// `BuildConfig.NAME` read NAME from local.properties. Gradle files are too varied to rewrite: every edit is an
// insertion next to a block it finds (`android {`, `defaultConfig {`, `buildFeatures {`), nothing is reformatted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eolOf, type FileText, type WorkspaceEditBuilder } from './workspaceEdit';

export interface GradleModule {
  dir: string;
  file: FileText;
  kotlinDsl: boolean;
}

const androidPlugin = /com\.android\.(?:application|library|dynamic-feature|test)\b|libs\.plugins\.android\.(?:application|library|dynamic\.feature|test)\b|^\s*android\s*\{/m;
const secretsPlugin = /com\.google\.android\.libraries\.mapsplatform\.secrets-gradle-plugin|com\.google\.android\.secrets-gradle-plugin|libs\.plugins\.(?:secrets|mapsplatform\.secrets|google\.secrets)\w*/;

/** The nearest folder at or above `dir` (not above `stopDir`) holding a Gradle build file. */
export function findModule(dir: string, stopDir: string, read: (p: string) => FileText | undefined): GradleModule | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    for (const [name, kotlinDsl] of [['build.gradle.kts', true], ['build.gradle', false]] as const) {
      const file = read(path.join(d, name));
      if (file) return { dir: d, file, kotlinDsl };
    }
    if (d === stopDir || path.dirname(d) === d) return undefined;
  }
}

/** The Gradle root project: the nearest folder at or above the module with a settings file, else the module. */
export function gradleRoot(moduleDir: string, stopDir: string): string {
  for (let d = moduleDir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'settings.gradle.kts')) || fs.existsSync(path.join(d, 'settings.gradle'))) return d;
    if (d === stopDir || path.dirname(d) === d) return moduleDir;
  }
}

export function isAndroidModule(m: GradleModule): boolean {
  return androidPlugin.test(stripComments(m.file.text));
}

export function appliesSecretsPlugin(m: GradleModule): boolean {
  return secretsPlugin.test(stripComments(m.file.text));
}

/** The Secrets Gradle Plugin's properties file, relative to the root project (`secrets { propertiesFileName = … }`). */
export function secretsPropertiesFile(m: GradleModule): string {
  return /propertiesFileName\s*=?\s*["']([^"']+)["']/.exec(stripComments(m.file.text))?.[1] ?? 'local.properties';
}

/** The module's `namespace` (the package BuildConfig is generated in), if the Gradle file states it. */
export function namespaceOf(m: GradleModule): string | undefined {
  return /^\s*namespace\s*=?\s*["']([\w.]+)["']/m.exec(stripComments(m.file.text))?.[1];
}

/** The name of a variable already holding local.properties (`val localProperties = Properties().apply { … }`). */
function existingLoader(text: string, kotlinDsl: boolean): string | undefined {
  const decl = kotlinDsl ? /\bval\s+(\w+)\s*=\s*(?:java\.util\.)?Properties\(\)/g : /\bdef\s+(\w+)\s*=\s*new\s+(?:java\.util\.)?Properties\(\)/g;
  for (let m = decl.exec(text); m; m = decl.exec(text)) {
    if (/local\.properties/.test(text.slice(m.index, m.index + 400))) return m[1];
  }
  return undefined;
}

export function hasBuildConfigField(m: GradleModule, name: string): boolean {
  return new RegExp(`buildConfigField\\s*\\(?\\s*["']String["']\\s*,\\s*["']${name}["']`).test(stripComments(m.file.text));
}

/**
 * Edits the module so that BuildConfig has a String field NAME read from local.properties (when `withField`) and
 * BuildConfig is generated at all (`buildFeatures { buildConfig = true }`, off by default since AGP 8). Returns
 * false when the file has no `android {` block to edit (a convention plugin configures it elsewhere).
 */
export function addBuildConfigField(builder: WorkspaceEditBuilder, m: GradleModule, name: string, withField: boolean, buildConfigOnGlobally: boolean): boolean {
  const field = (loader: string, q: string) => m.kotlinDsl
    ? `buildConfigField("String", "${name}", "\\"\${${loader}.getProperty(${q}${name}${q}, ${q}${q})}\\"")`
    : `buildConfigField "String", "${name}", "\\"\${${loader}.getProperty(${q}${name}${q}, ${q}${q})}\\""`;
  return editAndroidBlock(builder, m, withField ? field : undefined, !buildConfigOnGlobally);
}

export function hasManifestPlaceholder(m: GradleModule, name: string): boolean {
  return new RegExp(`manifestPlaceholders[^\\n]{0,200}\\b${name}\\b`).test(stripComments(m.file.text));
}

/**
 * Edits the module so that the manifest placeholder `\${NAME}` is read from local.properties
 * (`manifestPlaceholders["NAME"] = …` in defaultConfig). Returns false when the file has no `android {` block.
 */
export function addManifestPlaceholder(builder: WorkspaceEditBuilder, m: GradleModule, name: string): boolean {
  const entry = (loader: string, q: string) => m.kotlinDsl
    ? `manifestPlaceholders[${q}${name}${q}] = ${loader}.getProperty(${q}${name}${q}, ${q}${q})`
    : `manifestPlaceholders += [${name}: ${loader}.getProperty(${q}${name}${q}, ${q}${q})]`;
  return editAndroidBlock(builder, m, entry, false);
}

/**
 * The edits of both: `entry` (given the name of the variable holding local.properties and the DSL's quote) goes
 * into defaultConfig, after the loader is declared if the file has none; `needBuildConfig` turns BuildConfig on.
 */
function editAndroidBlock(builder: WorkspaceEditBuilder, m: GradleModule, entry: ((loader: string, q: string) => string) | undefined, needBuildConfig: boolean): boolean {
  const text = m.file.text;
  const code = stripComments(text);
  const eol = eolOf(text);
  const android = /^[ \t]*android[ \t]*\{/m.exec(code);
  if (!android) return false;
  const androidOpen = android.index + android[0].length;
  const androidIndent = /^[ \t]*/.exec(android[0])![0];
  const unit = indentUnit(text);
  const inner = androidIndent + unit;

  // The loader goes before the `android {` line; missing blocks go last in the block, before its closing brace.
  let beforeAndroid = '';
  let missingBlocks = '';
  const q = m.kotlinDsl ? '"' : "'";

  if (entry) {
    let loader = existingLoader(code, m.kotlinDsl);
    if (!loader) {
      loader = /\blocalProperties\b/.test(code) ? 'authlintLocalProperties' : 'localProperties';
      beforeAndroid = (m.kotlinDsl
        ? [`val ${loader} = java.util.Properties().apply {`,
          `${unit}val file = rootProject.file("local.properties")`,
          `${unit}if (file.exists()) file.inputStream().use { load(it) }`,
          '}']
        : [`def ${loader} = new Properties()`,
          `def ${loader}File = rootProject.file('local.properties')`,
          `if (${loader}File.exists()) {`,
          `${unit}${loader}File.withInputStream { ${loader}.load(it) }`,
          '}']).map(l => androidIndent + l).join(eol) + eol + eol;
    }
    const field = entry(loader, q);
    const defaultConfig = /^([ \t]*)defaultConfig[ \t]*\{/m.exec(code.slice(androidOpen));
    if (defaultConfig) {
      const at = androidOpen + defaultConfig.index + defaultConfig[0].length;
      builder.insert(m.file, at, `${eol}${defaultConfig[1]}${unit}${field}`);
    } else {
      missingBlocks += `${inner}defaultConfig {${eol}${inner}${unit}${field}${eol}${inner}}${eol}`;
    }
  }

  if (needBuildConfig && !/\bbuildConfig\s*=?\s*true\b/.test(code)) {
    const off = /\bbuildConfig(\s*=?\s*)false\b/.exec(code);
    const features = /^([ \t]*)buildFeatures[ \t]*\{/m.exec(code.slice(androidOpen));
    const setting = m.kotlinDsl ? 'buildConfig = true' : 'buildConfig true';
    if (off) {
      const at = off.index + 'buildConfig'.length + off[1].length;
      builder.replace(m.file, at, at + 'false'.length, 'true');
    } else if (features) {
      builder.insert(m.file, androidOpen + features.index + features[0].length, `${eol}${features[1]}${unit}${setting}`);
    } else {
      missingBlocks += `${inner}buildFeatures {${eol}${inner}${unit}${setting}${eol}${inner}}${eol}`;
    }
  }

  if (beforeAndroid) builder.insert(m.file, android.index, beforeAndroid); // the match starts at its line's start
  if (missingBlocks) {
    const close = matchingBrace(code, androidOpen - 1);
    if (close < 0) return false;
    const lineStart = text.lastIndexOf('\n', close - 1) + 1;
    if (/^[ \t]*$/.test(text.slice(lineStart, close))) builder.insert(m.file, lineStart, missingBlocks);
    else builder.insert(m.file, close, `${eol}${missingBlocks}${androidIndent}`); // `android { … }` on one line
  }
  return true;
}

/** Offset of the `}` closing the `{` at `open`, skipping strings (comments are already blanked); -1 if none. */
function matchingBrace(code: string, open: number): number {
  const blank = code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, m => m[0] + ' '.repeat(m.length - 2) + m[0]);
  let depth = 0;
  for (let i = open; i < blank.length; i++) {
    if (blank[i] === '{') depth++;
    else if (blank[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Whether the root gradle.properties turns BuildConfig on for every module (`android.defaults.buildfeatures.buildconfig=true`). */
export function buildConfigOnGlobally(read: (p: string) => FileText | undefined, rootDir: string): boolean {
  const props = read(path.join(rootDir, 'gradle.properties'));
  return !!props && /^\s*android\.defaults\.buildfeatures\.buildconfig\s*[=:]\s*true\s*$/m.test(props.text);
}

/** The indentation step the file uses (the first indented line's), four spaces if none. */
function indentUnit(text: string): string {
  return /^([ \t]+)\S/m.exec(text)?.[1] ?? '    ';
}

/** Comments replaced by spaces (offsets kept), so commented-out plugins and blocks are not taken for real ones. */
export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g, (m, str: string | undefined) => (str ? m : m.replace(/[^\n]/g, ' ')));
}
