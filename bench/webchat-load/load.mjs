// Web chat load target: CONVERSATIONS concurrent Direct Line conversations, each with its WebSocket stream open (as Web Chat
// keeps it), started the way the /chat page starts them (POST /chat/token, then POST /v3/directline/conversations). Once all
// are open and greeted, messages are posted at RATE per second spread over the conversations; each is timed from just
// before the client's POST to the bot's first reply (a message with replyToId = the echo's id) arriving on that stream.
// A warm-up of WARMUP_MESSAGES is not measured. Prints p50/p95/p99/max and every error. Loopback only; bounded by the message count and DEADLINE_S.
//
//   node load.mjs http://127.0.0.1:5190
//   CONVERSATIONS=1000 MESSAGES=3000 RATE=100 node load.mjs http://127.0.0.1:5190
import WebSocket from 'ws';

const base = (process.argv[2] || 'http://127.0.0.1:5190').replace(/\/$/, '');
const CONVERSATIONS = Number(process.env.CONVERSATIONS || 1000);
const MESSAGES = Number(process.env.MESSAGES || 3 * CONVERSATIONS);
const RATE = Number(process.env.RATE || 100);
const WARMUP_MESSAGES = Number(process.env.WARMUP_MESSAGES || 200);
const SETUP_PARALLEL = Number(process.env.SETUP_PARALLEL || 50);
const DEADLINE_S = Number(process.env.DEADLINE_S || 300);
const TEXTS = ['¿cuánto cuesta el envío?', 'sí, gracias', '¿qué medios de pago aceptan?', 'no, eso es todo'];

const errors = [];
const error = (what) => { errors.push(what); if (errors.length <= 10) console.error('error:', what); };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

async function postJson(url, token, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) { throw new Error(`${url} -> ${response.status} ${await response.text()}`); }
  return response.json();
}

// One conversation: token, start, stream; resolves once the greeting arrived on the stream.
async function open(index) {
  const issued = await postJson(`${base}/chat/token`);
  const started = await postJson(`${base}/v3/directline/conversations`, issued.token, { user: { id: issued.userId }, locale: 'es-ES' });
  const conversation = { index, id: started.conversationId, token: started.token, pending: new Map(), echoes: new Map(), socket: null };
  await new Promise((resolve, reject) => {
    const socket = new WebSocket(started.streamUrl);
    conversation.socket = socket;
    let greeted = false;
    socket.on('message', (data) => {
      const text = data.toString();
      if (!text) { return; }
      const now = performance.now();
      for (const activity of JSON.parse(text).activities) {
        const clientId = activity.channelData && activity.channelData.clientActivityID;
        if (clientId && conversation.pending.has(clientId)) {
          conversation.echoes.set(activity.id, clientId);
        } else if (activity.type === 'message' && activity.from.role === 'bot') {
          if (!greeted) { greeted = true; resolve(); }
          const clientIdOfQuestion = activity.replyToId && conversation.echoes.get(activity.replyToId);
          const sent = clientIdOfQuestion && conversation.pending.get(clientIdOfQuestion);
          if (sent && sent.repliedAt === undefined) { sent.repliedAt = now; sent.done(); }
        }
      }
    });
    socket.on('error', (e) => { error(`socket ${index}: ${e.message}`); reject(e); });
    socket.on('close', (code, reason) => { if (!finished) { error(`socket ${index} closed: ${code} ${reason}`); } });
  });
  return conversation;
}

let finished = false;
let postSeconds;
const startedAt = performance.now();
const deadline = setTimeout(() => { console.error(`deadline of ${DEADLINE_S}s reached`); report(); process.exit(2); }, DEADLINE_S * 1000);

console.log(`opening ${CONVERSATIONS} conversations (${SETUP_PARALLEL} at a time) against ${base}`);
const conversations = [];
for (let next = 0; next < CONVERSATIONS;) {
  const batch = [];
  for (let i = 0; i < SETUP_PARALLEL && next < CONVERSATIONS; i++, next++) {
    batch.push(open(next).then((c) => conversations.push(c), (e) => error(`open ${next}: ${e.message}`)));
  }
  await Promise.all(batch);
}
const openSockets = conversations.filter((c) => c.socket.readyState === WebSocket.OPEN).length;
console.log(`${openSockets} streams open and greeted after ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);

const samples = [];
let sequence = 0;

// Posts COUNT messages at RATE per second, round-robin over the conversations; measured ones add to samples.
async function post(count, measured) {
  const inFlight = [];
  const phaseStart = performance.now();
  for (let n = 0; n < count && conversations.length > 0; n++, sequence++) {
    const due = phaseStart + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) { await sleep(wait); }
    const conversation = conversations[sequence % conversations.length];
    const clientActivityID = `load-${conversation.index}-${sequence}`;
    const text = TEXTS[Math.floor(sequence / conversations.length) % TEXTS.length];
    const entry = {};
    entry.replied = new Promise((resolve) => { entry.done = resolve; });
    conversation.pending.set(clientActivityID, entry);
    entry.sentAt = performance.now();
    inFlight.push(postJson(`${base}/v3/directline/conversations/${conversation.id}/activities`, conversation.token, {
      type: 'message', text, from: { id: 'ignored', role: 'user' }, locale: 'es-ES', channelData: { clientActivityID },
    }).then(() => Promise.race([entry.replied, sleep(30_000).then(() => { throw new Error('no reply on the stream within 30 s'); })]))
      .then(() => { if (measured) { samples.push(entry.repliedAt - entry.sentAt); } })
      .catch((e) => error(`message ${sequence}: ${e.message}`)));
  }
  await Promise.all(inFlight);
  return (performance.now() - phaseStart) / 1000;
}

// Warm-up (not measured): the host answers its first messages only once understanding is trained, and JIT is cold.
console.log(`warm-up: ${WARMUP_MESSAGES} messages at ${RATE}/s (not measured)`);
await post(WARMUP_MESSAGES, false);
console.log(`posting ${MESSAGES} measured messages at ${RATE}/s over the ${conversations.length} open conversations`);
postSeconds = await post(MESSAGES, true);
finished = true;
report();
for (const c of conversations) { c.socket.close(); }
clearTimeout(deadline);
process.exit(errors.length ? 1 : 0);

function report() {
  const sorted = [...samples].sort((a, b) => a - b);
  const ms = (v) => `${v.toFixed(1)} ms`;
  console.log('');
  console.log(`conversations open: ${conversations.length}/${CONVERSATIONS}; messages answered: ${samples.length}/${MESSAGES}` +
    ` in ${postSeconds === undefined ? '?' : postSeconds.toFixed(1)} s; errors: ${errors.length}`);
  console.log(`POST -> reply on stream: p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}` +
    `  p99 ${ms(percentile(sorted, 99))}  max ${ms(sorted[sorted.length - 1] ?? NaN)}`);
}
