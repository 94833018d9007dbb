// The CLI in-process, with its output captured (as test/cli/main.test.ts drives it).
import { run } from '../../server/src/cli/main';

export interface CliRun { code: number; stdout: string; stderr: string }

export async function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => { stdout += s; }, isTTY: false },
    stderr: { write: (s: string) => { stderr += s; }, isTTY: false },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

export interface JsonFinding {
  ruleId: string;
  severity: string;
  path: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  fingerprint: string;
}

/** `path:line ruleId` of each finding of a JSON report. */
export function places(stdout: string): string[] {
  return (JSON.parse(stdout).findings as JsonFinding[]).map(f => `${f.path}:${f.range.start.line} ${f.ruleId}`);
}
