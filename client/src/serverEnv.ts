// The environment the language server runs in. On Linux, glibc's malloc raises its mmap threshold as a process
// allocates and frees large blocks, and memory freed below that threshold stays in its arenas: after a workspace
// scan the server held ~30–50 MB it no longer used (docs/performance.md, editor section). A fixed threshold hands
// large blocks back to the system when they are freed. Other platforms and C libraries ignore the variable.
export const mallocTunable = 'glibc.malloc.mmap_threshold=131072';

export function serverEnvironment(env: Readonly<Record<string, string | undefined>>, platform: string): Record<string, string | undefined> {
  if (platform !== 'linux') return { ...env };
  const current = env.GLIBC_TUNABLES;
  // The user's own malloc tuning wins.
  if (current?.includes('glibc.malloc.mmap_threshold=')) return { ...env };
  return { ...env, GLIBC_TUNABLES: current ? `${current}:${mallocTunable}` : mallocTunable };
}
