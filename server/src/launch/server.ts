// dist/server.js, the `authlint-language-server` command the extension starts: runs the language server's bundle
// (dist/server-bundle.js, from lsp/main.ts) with V8's code cache (compileCache.ts). A server may be killed rather
// than exit, so a missing cache is written a few seconds after the start, once the first files were analysed.
import * as path from 'node:path';
import { launch } from './compileCache';

launch(path.join(__dirname, 'server-bundle.js'), { writeAfterMs: 5000 });
