// Preloaded (`node --require`) into the CLI and the server by the no-network test: any outbound connection, DNS
// lookup or HTTP request throws and is recorded in the file named by AUTHLINT_NET_LOG. Local pipes and IPC
// (stdio, worker threads, the LSP over a socket path) keep working.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

function trap(what) {
  const line = `network use blocked: ${what}\n`;
  if (process.env.AUTHLINT_NET_LOG) fs.appendFileSync(process.env.AUTHLINT_NET_LOG, line);
  throw new Error(line.trim());
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const opts = typeof args[0] === 'object' && args[0] !== null ? args[0] : {};
  const isPipe = typeof args[0] === 'string' || typeof opts.path === 'string';
  if (!isPipe) trap(`connect ${opts.host ?? ''}:${opts.port ?? args[0]}`);
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) {
  dns[name] = () => trap(`dns.${name}`);
  if (dns.promises[name]) dns.promises[name] = async () => trap(`dns.promises.${name}`);
}
for (const mod of [http, https]) {
  mod.request = () => trap(`${mod === http ? 'http' : 'https'}.request`);
  mod.get = () => trap(`${mod === http ? 'http' : 'https'}.get`);
}
globalThis.fetch = async () => trap('fetch');
