// The pure helpers of bench/lib.mjs (shared by bench/run.mjs and scripts/lsp-latency.mjs): statistics, the target
// verdict, markdown tables, the docs/performance.md section writer, and the /proc parsers. Nothing here is timed.
import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface SmapsSplit { total: number; wasm: number; wasmCount: number; arenas: number; arenaCount: number; file: number; otherAnon: number }
interface BenchLib {
  median(xs: number[]): number;
  percentile(xs: number[], p: number): number;
  verdict(value: number, target: number): string;
  mdTable(header: string[], rows: unknown[][], align?: string[]): string;
  replaceSection(doc: string, name: string, body: string): string;
  writeSection(name: string, body: string, file: string): void;
  newPerformanceDoc: string;
  parseProcStatus(text: string): Record<string, number>;
  parseSmaps(text: string): SmapsSplit;
}

// bench/lib.mjs is an ES module outside the compiled tree (out/test/bench/ → the repository's bench/).
const libUrl = pathToFileURL(path.resolve(__dirname, '..', '..', '..', 'bench', 'lib.mjs')).href;
let lib: BenchLib;
before(async () => { lib = (await import(libUrl)) as BenchLib; });

describe('statistics', () => {
  it('median: the middle value, or the mean of the two middle ones', () => {
    assert.equal(lib.median([3, 1, 2]), 2);
    assert.equal(lib.median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(lib.median([])));
  });

  it('percentile: nearest rank', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1, unsorted on purpose
    assert.equal(lib.percentile(xs, 50), 10);
    assert.equal(lib.percentile(xs, 95), 19);
    assert.equal(lib.percentile(xs, 100), 20);
    assert.equal(lib.percentile(xs, 0), 1);
    assert.equal(lib.percentile([5, 1, 4, 2, 3], 50), 3);
    assert.equal(lib.percentile([5, 1, 4, 2, 3], 95), 5);
    assert.equal(lib.percentile([7], 95), 7);
    assert.ok(Number.isNaN(lib.percentile([], 50)));
    assert.deepEqual(xs[0], 20, 'the input is not sorted in place');
  });
});

describe('verdict', () => {
  it('says met at or under the target, else by how much it is missed', () => {
    assert.equal(lib.verdict(4, 5), 'met');
    assert.equal(lib.verdict(5, 5), 'met');
    assert.equal(lib.verdict(5.2, 5), '**not met** (1.04× the target)');
    assert.equal(lib.verdict(558, 300), '**not met** (1.86× the target)');
    assert.equal(lib.verdict(449.6, 5), '**not met** (89.9× the target)');
    assert.equal(lib.verdict(Number.NaN, 5), '?');
  });
});

describe('mdTable', () => {
  it('writes the header, the alignment row and the rows, escaping pipes', () => {
    assert.equal(lib.mdTable(['a', 'b'], [['x', 1], ['y|z', undefined]], ['l', 'r']),
      '| a | b |\n| --- | ---: |\n| x | 1 |\n| y\\|z |  |');
  });
});

describe('replaceSection', () => {
  const doc = '# Performance\n\nintro\n\n<!-- bench:scan -->\nold scan\n<!-- /bench:scan -->\n\nafter\n';

  it('replaces the body between the markers and keeps everything around them', () => {
    assert.equal(lib.replaceSection(doc, 'scan', '\nnew scan\n\n'),
      '# Performance\n\nintro\n\n<!-- bench:scan -->\nnew scan\n<!-- /bench:scan -->\n\nafter\n');
  });

  it('appends a missing section after one blank line, leaving the others alone', () => {
    const once = lib.replaceSection(doc, 'editor', 'editor figures');
    assert.equal(once, `${doc}\n<!-- bench:editor -->\neditor figures\n<!-- /bench:editor -->\n`);
    assert.equal(lib.replaceSection(once, 'editor', 'editor figures'), once);
    assert.equal(lib.replaceSection(once, 'editor', 'v2'), `${doc}\n<!-- bench:editor -->\nv2\n<!-- /bench:editor -->\n`);
  });

  it('ignores a closing marker that comes before the opening one', () => {
    const odd = '<!-- /bench:x -->\n<!-- bench:x -->\nold\n<!-- /bench:x -->\n';
    assert.equal(lib.replaceSection(odd, 'x', 'new'), '<!-- /bench:x -->\n<!-- bench:x -->\nnew\n<!-- /bench:x -->\n');
  });

  it('writeSection creates the document with its introduction when it does not exist', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-benchlib-'));
    try {
      const file = path.join(dir, 'docs', 'performance.md');
      lib.writeSection('editor', 'figures', file);
      assert.equal(fs.readFileSync(file, 'utf8'), `${lib.newPerformanceDoc}\n<!-- bench:editor -->\nfigures\n<!-- /bench:editor -->\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/proc parsers', () => {
  it('parseProcStatus reads the memory lines (kB) and the thread count', () => {
    const text = 'Name:\tnode\nVmPeak:\t 11000000 kB\nVmHWM:\t  215000 kB\nVmRSS:\t  113000 kB\nRssAnon:\t   70000 kB\nRssFile:\t   43000 kB\nThreads:\t11\n';
    assert.deepEqual(lib.parseProcStatus(text), { VmRSS: 113000, VmHWM: 215000, RssAnon: 70000, RssFile: 43000, Threads: 11 });
  });

  it('parseSmaps splits the resident memory into WebAssembly memories, malloc arenas, file mappings and the rest', () => {
    const map = (range: string, perm: string, inode: string, name: string, rss: number) =>
      `${range} ${perm} 00000000 00:00 ${inode}   ${name}\nSize:               4 kB\nRss:             ${rss} kB\nPss:             ${rss} kB\nVmFlags: rd wr mr mw me ac\n`;
    const text = [
      map('00400000-00401000', 'r--p', '1234', '/usr/bin/node', 4),
      map('0ad8d000-0b000000', 'rw-p', '0', '[heap]', 100),
      map('7f0000000000-7f0002000000', 'rw-p', '0', '', 200), // a 32 MiB WebAssembly memory …
      map('7f0002000000-7f0280000000', '---p', '0', '', 0), //    … and the rest of its 10 GiB reservation
      map('7f0400000000-7f0401000000', 'rw-p', '0', '', 50), //   a glibc thread arena: 16 MiB used …
      map('7f0401000000-7f0404000000', '---p', '0', '', 0), //    … of a 64 MiB-aligned 64 MiB region
      map('7f0500001000-7f0500100000', 'rw-p', '0', '', 30),
      map('7ffd00000000-7ffd00021000', 'rw-p', '0', '[stack]', 8),
    ].join('');
    assert.deepEqual(lib.parseSmaps(text), { total: 392, wasm: 200, wasmCount: 1, arenas: 150, arenaCount: 1, file: 4, otherAnon: 38 });
  });
});
