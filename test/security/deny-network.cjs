// Preloaded (NODE_OPTIONS=--require) into the CLI and the language server by no-network.test.mjs:
// every way Node opens a connection or resolves a name is replaced by one that records the attempt
// in $CORS_LINT_NETWORK_LOG and fails, so a test can prove that nothing ever tried.
'use strict';
const fs = require('node:fs');
const log = process.env.CORS_LINT_NETWORK_LOG;

function deny(what) {
  return function denied() {
    fs.appendFileSync(log, `${what} (pid ${process.pid})\n${new Error().stack}\n\n`);
    throw new Error(`network access denied in this test: ${what}`);
  };
}

const net = require('node:net');
net.Socket.prototype.connect = deny('net.Socket.connect');
net.connect = net.createConnection = deny('net.connect');
require('node:tls').connect = deny('tls.connect');
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns[name] = deny(`dns.${name}`);
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns.promises[name] = deny(`dns.promises.${name}`);
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = deny(`${mod}.request`);
  m.get = deny(`${mod}.get`);
}
require('node:dgram').createSocket = deny('dgram.createSocket');
globalThis.fetch = deny('fetch');
if (globalThis.WebSocket) globalThis.WebSocket = deny('WebSocket');
