// The words of the language status item, from the server's state and the diagnostics counts. Pure (no `vscode`
// import) so it is tested without an editor.
import type { ServerStatus } from '../../server/src/shared/protocol';

export type ClientState = 'starting' | 'running' | 'stopped' | 'gave-up';

export interface Counts { errors: number; warnings: number; infos: number }

export interface StatusView {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
}

export function countText(c: Counts): string {
  const parts: string[] = [];
  if (c.errors) parts.push(`${c.errors} ${c.errors === 1 ? 'error' : 'errors'}`);
  if (c.warnings) parts.push(`${c.warnings} ${c.warnings === 1 ? 'warning' : 'warnings'}`);
  if (c.infos) parts.push(`${c.infos} info`);
  return parts.length ? parts.join(', ') : 'no problems';
}

export function statusView(state: ClientState, server: ServerStatus | undefined, file: Counts | undefined, workspace: Counts): StatusView {
  if (state === 'starting') return { text: 'AuthLint', detail: 'starting…', severity: 'information', busy: true };
  if (state === 'gave-up') return { text: 'AuthLint stopped', detail: 'the server crashed repeatedly — Restart Server', severity: 'error', busy: false };
  if (state === 'stopped') return { text: 'AuthLint stopped', detail: 'the server is not running', severity: 'warning', busy: false };
  const where = file ? `this file: ${countText(file)} · workspace: ${countText(workspace)}` : `workspace: ${countText(workspace)}`;
  if (server && server.state !== 'ok') return { text: 'AuthLint', detail: `${server.message} — ${where}`, severity: server.state === 'error' ? 'error' : 'warning', busy: false };
  return { text: file ? `AuthLint: ${countText(file)}` : 'AuthLint', detail: where, severity: 'information', busy: false };
}
