// Runs the official botframework-directlinejs client against a real ChatCare host, in polling and WebSocket mode.
// Usage: CHATCARE_DLL=/path/to/ChatCare.Bot.dll node --test   (run.sh does this)
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

// DirectLineJS uses rxjs ajax, which needs XMLHttpRequest; Node 20 has none.
global.XMLHttpRequest = require('xhr2');
// DirectLineJS 0.15 reads the global WebSocket even in polling mode (makeServices), so Node needs one as a browser has;
// polling is then chosen with webSocket:false, exactly as a page would.
global.WebSocket = require('ws');
const { DirectLine } = require('botframework-directlinejs');

const SECRET = 'node-test-secret-0123456789abcdef';
const QUESTION = '¿cuánto cuesta el envío?';
let host;
let base;
let dataDirectory;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (host.exitCode !== null) throw new Error(`host exited with ${host.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('host did not become healthy');
}

before(async () => {
  const dll = process.env.CHATCARE_DLL;
  assert.ok(dll && fs.existsSync(dll), 'set CHATCARE_DLL to the built ChatCare.Bot.dll');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'chatcare-dl-node-'));
  host = spawn('dotnet', [dll, '--urls', base], {
    cwd: path.dirname(dll),
    env: {
      ...process.env,
      ChatCare__Channels__DirectLine__Secret: SECRET,
      ChatCare__DataDirectory: dataDirectory,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  host.stdout.on('data', (d) => { output += d; });
  host.stderr.on('data', (d) => { output += d; });
  try {
    await waitForHealth(`${base}/health`, 120_000);
  } catch (error) {
    throw new Error(`${error.message}\n${output}`);
  }
});

after(() => {
  if (host && host.exitCode === null) host.kill('SIGTERM');
  if (dataDirectory) fs.rmSync(dataDirectory, { recursive: true, force: true });
});

async function generateToken(userId) {
  const response = await fetch(`${base}/v3/directline/tokens/generate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: userId, name: 'Rosa' } }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

function client(options) {
  return new DirectLine({
    domain: `${base}/v3/directline`,
    pollingInterval: 300,
    enableVoiceMode: false,
    ...options,
  });
}

// Collects every activity the client receives; waitFor resolves once a predicate holds over them.
function record(directLine) {
  const seen = [];
  const waiters = [];
  const subscription = directLine.activity$.subscribe(
    (activity) => {
      seen.push(activity);
      for (const w of [...waiters]) {
        if (w.predicate(seen)) {
          waiters.splice(waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve(seen);
        }
      }
    },
    (error) => waiters.forEach((w) => w.reject(error)),
  );
  return {
    seen,
    waitFor(predicate, what, timeoutMs = 20_000) {
      if (predicate(seen)) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { predicate, resolve, reject };
        w.timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`timed out waiting for ${what}; saw ${JSON.stringify(seen.map((a) => [a.type, a.id, a.text]))}`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    stop() { subscription.unsubscribe(); },
  };
}

function post(directLine, activity) {
  return new Promise((resolve, reject) => directLine.postActivity(activity).subscribe(resolve, reject));
}

const isGreeting = (a) => a.type === 'message' && a.from.id === 'chatcare' && /^¡Buen/.test(a.text || '');

async function converse(webSocket) {
  const userId = `dl_node_${webSocket ? 'ws' : 'poll'}`;
  const token = await generateToken(userId);
  const first = client({ token: token.token, webSocket });
  const log = record(first);

  await log.waitFor((s) => s.some(isGreeting), 'the greeting');
  const clientActivityID = `node-${Date.now()}`;
  const id = await post(first, { type: 'message', from: { id: userId }, text: QUESTION, channelData: { clientActivityID } });
  assert.match(id, /\|\d{7}$/);
  await log.waitFor((s) => s.some((a) => a.id === id) && s.some((a) => a.replyToId === id && /Gratis/.test(a.text || '')), 'the echo and the answer');
  const echo = log.seen.find((a) => a.id === id);
  assert.equal(echo.channelData.clientActivityID, clientActivityID);
  assert.equal(echo.text, QUESTION);
  assert.equal(first.conversationId, token.conversationId);
  // Let the rest of the answer arrive, then remember where this client got to.
  await new Promise((r) => setTimeout(r, 1000));
  const watermark = first.watermark;
  const seenIds = new Set(log.seen.filter((a) => a.id).map((a) => a.id));
  assert.equal(seenIds.size, log.seen.filter((a) => a.id).length, 'no activity delivered twice');
  log.stop();
  first.end();
  return { userId, token: first.token, conversationId: first.conversationId, watermark, seenIds };
}

async function reconnect({ userId, token, conversationId, watermark, seenIds }, webSocket) {
  assert.ok(watermark, 'the client kept a watermark');
  const second = client({ token, conversationId, watermark, webSocket });
  const log = record(second);
  const id = await post(second, { type: 'message', from: { id: userId }, text: 'gracias', channelData: { clientActivityID: `again-${Date.now()}` } });
  await log.waitFor((s) => s.some((a) => a.id === id) && s.some((a) => a.replyToId === id), 'the new echo and answer');
  await new Promise((r) => setTimeout(r, 1000));
  const ids = log.seen.filter((a) => a.id).map((a) => a.id);
  assert.deepEqual(ids.filter((i) => seenIds.has(i)), [], 'nothing from before the watermark is replayed');
  assert.equal(new Set(ids).size, ids.length, 'no duplicates after reconnecting');
  log.stop();
  second.end();
}

test('polling (webSocket:false): greeting, echo with clientActivityID, answer, reconnect from a watermark', async () => {
  const state = await converse(false);
  await reconnect(state, false);
});

test('WebSocket (ws): greeting, echo, answer, reconnect from a watermark', async () => {
  const state = await converse(true);
  await reconnect(state, true);
});

test('POST /tokens/refresh gives a new token for the same conversation', async () => {
  const token = await generateToken('dl_node_refresh');
  const started = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token.token}` } });
  assert.equal(started.status, 201);
  const refresh = await fetch(`${base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token.token}` } });
  assert.equal(refresh.status, 200);
  const refreshed = await refresh.json();
  assert.equal(refreshed.conversationId, token.conversationId);
  assert.ok(refreshed.expires_in > 15 * 60);
  const activities = await fetch(`${base}/v3/directline/conversations/${token.conversationId}/activities?watermark=`, {
    headers: { Authorization: `Bearer ${refreshed.token}` },
  });
  assert.equal(activities.status, 200);
  const set = await activities.json();
  assert.ok(set.activities.some(isGreeting));
  assert.equal(typeof set.watermark, 'string');
});
