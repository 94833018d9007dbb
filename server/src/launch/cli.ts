// dist/cli.js, the `authlint` command: runs the CLI's bundle (dist/cli-bundle.js, from cli/main.ts) with V8's code
// cache (compileCache.ts), written at the exit of a run that had none.
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { launch } from './compileCache';

// A scan is short, and V8's optimizing compilers running beside it cost more memory than they save time. Their
// background threads each take a malloc arena and fill it with compile zones that are freed but not given back:
// TurboFan re-compiling the grammars' huge WebAssembly lexers, and the JavaScript of each worker. Without them
// (grammars stay on the baseline compiler, JavaScript is optimized on its own thread) the benchmark corpus
// (docs/performance.md) peaked at 191–195 MB instead of 238–254 MB, in the same or less time, with the same
// findings; 4× the corpus: 233 MB instead of 250–262 MB, same time. V8 flags are process-wide and read when a
// module is compiled or an isolate made, so they are set before any grammar loads and any worker starts — and
// before the bundle is compiled, since V8 ties a code cache to the flags it was made under.
// The language server keeps the defaults: it lives long and re-parses on every keystroke.
setFlagsFromString('--liftoff-only');
setFlagsFromString('--no-concurrent-recompilation');

launch(path.join(__dirname, 'cli-bundle.js'));
