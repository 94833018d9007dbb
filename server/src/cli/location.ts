// What the engine needs to know about where a file really is. The engine's path is relative to the scan root (the
// CLI) or the workspace folder (the language server), so it changes with the folder a scan starts from: run from
// inside `res/`, `values/strings.xml` no longer shows that it is a string resource; run from `app/src`,
// `debug/res/xml/x.xml` no longer shows its debug source set. So the caller, who knows the absolute path, decides:
// - the language from the absolute path (languageOf reads only the file name and the two folders above it);
// - test sources and debug source sets from the path below the project root: the repository root (the nearest
//   folder holding `.git`), else the Gradle root (the nearest folder holding `settings.gradle[.kts]`), else the
//   scan root or workspace folder. Not from the absolute path: a checkout in `~/tests/app` is no test source.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf, pathFactsOf } from '../engine/index';
import type { LanguageId, PathFacts } from '../engine/index';
import { toPosix } from './walker';

export interface FileFacts {
  language?: LanguageId;
  pathFacts: PathFacts;
}

/** The nearest folder holding `.git` and the nearest holding a Gradle settings file, at or above a folder. */
interface Markers { git?: string; gradle?: string }

/** Project roots by folder, each folder looked at once (a scan asks for thousands of files in a few folders). */
export class ProjectRoots {
  private readonly markers = new Map<string, Markers>();

  /** The repository root above `dir` (or `dir`), else the nearest Gradle root, else undefined. */
  rootOf(dir: string): string | undefined {
    const m = this.markersOf(dir);
    return m.git ?? m.gradle;
  }

  /** The folders up to the first one already known, then their answers from the top down (no recursion). */
  private markersOf(dir: string): Markers {
    const chain: string[] = [];
    let known: Markers = {};
    for (let d = dir; ; d = path.dirname(d)) {
      const cached = this.markers.get(d);
      if (cached) { known = cached; break; }
      chain.push(d);
      if (path.dirname(d) === d) break;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const d = chain[i];
      // The nearest of each: a submodule is its own repository, a nested Gradle build its own build.
      const here: Markers = {
        git: exists(path.join(d, '.git')) ? d : known.git,
        gradle: exists(path.join(d, 'settings.gradle.kts')) || exists(path.join(d, 'settings.gradle')) ? d : known.gradle,
      };
      this.markers.set(d, here);
      known = here;
    }
    return known;
  }
}

/**
 * The language and path facts of the file at `absPath`. `fallbackRoot`: the scan root or workspace folder, used
 * when no repository or Gradle root holds the file; without one the absolute path is judged.
 */
export function fileFacts(absPath: string, fallbackRoot: string | undefined, roots = new ProjectRoots()): FileFacts {
  const root = roots.rootOf(path.dirname(absPath)) ?? (fallbackRoot !== undefined && isInside(fallbackRoot, absPath) ? fallbackRoot : undefined);
  const projectPath = root === undefined ? toPosix(absPath) : toPosix(path.relative(root, absPath));
  return { language: languageOf(absPath), pathFacts: pathFactsOf(projectPath) };
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

function exists(p: string): boolean {
  return fs.existsSync(p);
}
