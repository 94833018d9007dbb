// The files the server watches (registered dynamically with the editor): the project config; the baseline under
// its default name (lsp/baseline.ts registers other names as they are used); the source files whose changes on
// disk matter to the workspace index and to a scan's diagnostics; and the .gitignore files that decide which
// files are linted (as they decide it for the CLI).
import * as path from 'node:path';
import { languageOf } from '../engine/index';
import { configFileName } from '../engine/config';
import { defaultBaselineFile } from '../shared/settings';

export const watchedFileGlobs: readonly string[] = [
  `**/${configFileName}`,
  `**/${defaultBaselineFile}`,
  '**/.gitignore',
  '**/*.{kt,kts,java,ts,tsx,mts,cts,js,jsx,mjs,cjs,gradle}',
  '**/gradle.properties',
  // Android XML and Firebase configuration (languageOf claims only these XML and JSON files).
  '**/AndroidManifest.xml',
  '**/res/values*/*.xml',
  '**/res/xml/*.xml',
  '**/google-services.json',
];

/** Files whose change can change which files are linted, or how: every cached setting is dropped. */
export function isConfigFile(fsPath: string): boolean {
  const name = path.basename(fsPath);
  return name === configFileName || name === '.gitignore';
}

export function isLintedFile(fsPath: string): boolean {
  return languageOf(fsPath) !== undefined;
}
