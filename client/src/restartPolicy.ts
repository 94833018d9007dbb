// How often a crashed server is restarted: at most `maxRestarts` times within `windowMs`, then it stays stopped
// and the user is told once (not once per crash). A manual restart starts the count afresh. Pure, for tests.

export class RestartPolicy {
  private crashes: number[] = [];
  private reported = false;

  constructor(readonly maxRestarts = 4, readonly windowMs = 3 * 60_000, private readonly now: () => number = Date.now) {}

  /** A crash happened: restart, or give up (and whether this is the first time to say so). */
  onCrash(): { restart: true } | { restart: false; report: boolean } {
    const t = this.now();
    this.crashes = this.crashes.filter(c => t - c < this.windowMs);
    this.crashes.push(t);
    if (this.crashes.length <= this.maxRestarts) return { restart: true };
    const report = !this.reported;
    this.reported = true;
    return { restart: false, report };
  }

  /** The user restarted the server by hand. */
  reset(): void {
    this.crashes = [];
    this.reported = false;
  }

  get gaveUpMessage(): string {
    return `The AuthLint server stopped ${this.maxRestarts + 1} times in ${Math.round(this.windowMs / 60_000)} minutes and was not restarted again. `
      + 'See the AuthLint output for the cause, then run "AuthLint: Restart Server".';
  }
}

/**
 * Whether a connection error only says the server process is gone (a write to a killed process: EPIPE, a closed IPC
 * channel). Such errors come in bursts when a crash meets queued messages; they must not shut the client down
 * before `closed` can restart the server.
 */
export function serverGone(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return ['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'ERR_IPC_CHANNEL_CLOSED'].includes(code)
    || /\b(EPIPE|ECONNRESET)\b|channel closed|stream was destroyed/i.test(message);
}
