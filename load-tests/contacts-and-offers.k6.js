// Load test: integrators post contacts over REST while every agent console accepts its offers over socket.io.
//
// Run it through `npm run load` (scripts/load.sh), which builds k6, starts an engine on loopback and passes
// the variables below. Two scenarios share one timeline:
//
//   0 ............ WARMUP ...................... WARMUP+DURATION ............ +DRAIN
//   agents:   log in, connect, go available, accept every offer, resolve after THINK_MS; at the end resolve
//             what is still open, go offline and disconnect
//   integrators:   |--- RATE contacts/s, POST /v1/contacts ---|
//
// With LOAD_AGENT_DRIVER=node (load.sh's default) the `agents` scenario is left out: agent-pool.driver.ts holds
// the agents' sockets in one Node process with the same behaviour, and this script only posts the contacts.
//
// Each contact's body starts with a marker `[lt:<run>:<seq>:<sent epoch ms>]`. The offer's preview carries the
// body, so the agent that receives the offer measures POST -> offer without sharing memory with the sender.
//
// Besides k6's own metrics, the script logs one short line per contact, offer and assignment (load.sh sends
// them to a file with --console-output; load-run-log.ts reads them): the per-window report and the database
// check afterwards need each contact's outcome, and k6's JSON output would write a dozen samples per request.
//   R <run id> | C <seq> <status> <sent epoch ms> <ms> | O <seq> <received epoch ms> <ms> | A <epoch ms> <ms>
//
// k6 has no socket.io client, so this speaks Engine.IO v4 / socket.io v5 framing over k6/websockets:
//   0{...}                      server: Engine.IO open
//   40/agents,{"token":"...","stream":"routing-events"}   client: join with the JWT, for routing events
//   40/agents,{"sid":"..."}     server: joined (44/agents,{...} = refused)
//   42/agents,["event",{...}]   server: an event
//   42/agents,7["command",{..}] client: an event that wants ack 7
//   43/agents,7[{...}]          server: the ack
//   2 / 3                       Engine.IO ping from the server / pong from the client
import http from 'k6/http';
import exec from 'k6/execution';
import { check, fail, sleep } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { setTimeout, clearTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';

// ---- parameters -------------------------------------------------------------------------------------------

const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const WS_URL = `${BASE_URL.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
const NAMESPACE = '/agents';
const API_KEY = __ENV.API_KEY || '';
const TENANT = __ENV.TENANT || 'demo';
const AGENT_EMAIL_TEMPLATE = __ENV.AGENT_EMAIL_TEMPLATE || 'agent{n}@demo.test';
const AGENT_PASSWORD = __ENV.AGENT_PASSWORD || '';
const AGENTS = positiveInt(__ENV.LOAD_AGENTS, 20);
const RATE = positiveInt(__ENV.LOAD_RATE, 50);
const DURATION = __ENV.LOAD_DURATION || '45s';
const WARMUP = __ENV.LOAD_WARMUP || '8s';
const DRAIN = __ENV.LOAD_DRAIN || '10s';
/** Agents log in spread over this long (agent i at i/AGENTS of it), as a shift starts, not all in one instant. */
const LOGIN_RAMP = __ENV.LOAD_LOGIN_RAMP || '0s';
const THINK_MS = nonNegativeInt(__ENV.LOAD_THINK_MS, 1000);
/** `node`: load-tests/agent-pool.driver.ts holds the agents' sockets and this script only posts contacts. */
const AGENTS_IN_K6 = (__ENV.LOAD_AGENT_DRIVER || 'k6') === 'k6';
/** Optional gate: fail the run when the offer latency p95 exceeds this many milliseconds. */
const OFFER_P95_MS = positiveInt(__ENV.LOAD_OFFER_P95_MS, 0);

const DURATION_MS = parseDuration(DURATION);
const WARMUP_MS = parseDuration(WARMUP);
const DRAIN_MS = parseDuration(DRAIN);
const LOGIN_RAMP_MS = parseDuration(LOGIN_RAMP);
/** Agents stay connected from the start until the arrivals stop and the backlog has had DRAIN to clear. */
const SESSION_MS = WARMUP_MS + DURATION_MS + DRAIN_MS;

const CHANNELS = ['chat', 'email', 'whatsapp'];
const TIERS = ['standard', 'standard', 'silver', 'gold', 'platinum'];
const MARKER = /^\[lt:([A-Za-z0-9]+):(\d+):(\d+)\]/;

// ---- metrics ----------------------------------------------------------------------------------------------

const offerLatency = new Trend('offer_latency_ms', true);
const assignLatency = new Trend('assign_latency_ms', true);
const commandAck = new Trend('command_ack_ms', true);
const contactsSent = new Counter('contacts_sent');
const contactsAccepted = new Counter('contacts_accepted');
const offersReceived = new Counter('offers_received');
const offersDuringArrivals = new Counter('offers_during_arrivals');
const offersForeign = new Counter('offers_without_marker');
const offersRepeated = new Counter('offer_events_repeated');
const offersNotAccepted = new Counter('offers_closed_not_accepted');
const assignments = new Counter('assignments_created');
const resolutions = new Counter('conversations_resolved');
const commandsRejected = new Counter('commands_rejected');
const acksFailed = new Counter('command_acks_failed');
const agentsReady = new Counter('agents_ready');
const agentsSetAway = new Counter('agents_status_forced');
const socketErrors = new Counter('agent_socket_errors');

// ---- options ----------------------------------------------------------------------------------------------

export const options = {
  scenarios: {
    ...(AGENTS_IN_K6
      ? {
          agents: {
            executor: 'per-vu-iterations',
            exec: 'agent',
            vus: AGENTS,
            iterations: 1,
            maxDuration: `${Math.ceil(SESSION_MS / 1000) + 30}s`,
            gracefulStop: '5s',
          },
        }
      : {}),
    integrators: {
      executor: 'constant-arrival-rate',
      exec: 'integrator',
      startTime: WARMUP,
      rate: RATE,
      timeUnit: '1s',
      duration: DURATION,
      preAllocatedVUs: Math.max(5, Math.ceil(RATE / 5)),
      maxVUs: Math.max(20, RATE * 2),
      gracefulStop: '5s',
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    // With the Node driver the agents are counted there (agents-summary.json), and the report shows them.
    ...(AGENTS_IN_K6 ? { agents_ready: [`count>=${AGENTS}`] } : {}),
    ...(OFFER_P95_MS > 0 ? { offer_latency_ms: [`p(95)<${OFFER_P95_MS}`] } : {}),
  },
  summaryTrendStats: ['min', 'med', 'p(95)', 'p(99)', 'max', 'count'],
  // Loopback only: the script never leaves this machine.
  noConnectionReuse: false,
  discardResponseBodies: false,
};

export function setup() {
  if (!API_KEY) fail('API_KEY is not set; run through `npm run load`');
  if (!AGENT_PASSWORD) fail('AGENT_PASSWORD is not set; run through `npm run load`');
  const res = http.get(`${BASE_URL}/health`, { tags: { name: 'health' } });
  if (res.status !== 200) fail(`${BASE_URL}/health answered ${res.status}`);
  // Contacts of an earlier run (a Postgres target keeps them) carry another run id and are not timed. load.sh
  // passes one so the Node agent driver knows it too.
  const runId =
    __ENV.LOAD_RUN_ID || `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  console.log(`R ${runId}`);
  return { runId };
}

// ---- scenario B: integrators ------------------------------------------------------------------------------

export function integrator(data) {
  const seq = exec.scenario.iterationInTest;
  const channel = CHANNELS[seq % CHANNELS.length];
  const tier = TIERS[seq % TIERS.length];
  const id = `${data.runId}-${seq}`;
  const sentAt = Date.now();
  const body = {
    channel,
    // The database check afterwards finds each contact by this id.
    channelMessageId: `load-${id}`,
    // A new customer per contact, so each one opens its own conversation and needs its own offer.
    from: fromAddress(channel, id),
    body: `[lt:${data.runId}:${seq}:${sentAt}] Load test contact ${seq} on ${channel}: please call me back.`,
    sentAt: new Date(sentAt).toISOString(),
    tier,
    priority: seq % 10 === 0 ? 60 : 10,
  };
  if (channel === 'email') body.subject = `Load test ${seq}`;
  // One contact in ten goes to the skills-based billing queue; the rest follow their inbox's default queue.
  if (seq % 10 === 5) body.queue = 'billing';
  contactsSent.add(1);
  const res = http.post(`${BASE_URL}/v1/contacts`, JSON.stringify(body), {
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    tags: { name: 'POST /v1/contacts', channel },
    responseType: 'none',
  });
  console.log(`C ${seq} ${res.status} ${sentAt} ${res.timings.duration.toFixed(2)}`);
  if (check(res, { 'contact accepted (202)': (r) => r.status === 202 })) contactsAccepted.add(1);
}

// ---- scenario A: agents -----------------------------------------------------------------------------------

export function agent(data) {
  const index = exec.scenario.iterationInTest + 1;
  const email = AGENT_EMAIL_TEMPLATE.replace('{n}', String(index));
  const testStart = exec.scenario.startTime;
  const arrivalsEnd = testStart + WARMUP_MS + DURATION_MS;
  const sessionEnd = testStart + SESSION_MS;
  if (LOGIN_RAMP_MS > 0) sleep(((index - 1) / AGENTS) * (LOGIN_RAMP_MS / 1000));

  const login = http.post(
    `${BASE_URL}/v1/auth/login`,
    JSON.stringify({ tenant: TENANT, email, password: AGENT_PASSWORD }),
    { headers: { 'content-type': 'application/json' }, tags: { name: 'POST /v1/auth/login' } },
  );
  if (!check(login, { 'agent logged in (200)': (r) => r.status === 200 })) {
    console.error(`${email}: login answered ${login.status} ${String(login.body).slice(0, 200)}`);
    return;
  }
  const token = login.json('token');
  const agentId = login.json('agentId');

  const ws = new WebSocket(WS_URL);
  let nextAck = 1;
  const pendingAcks = {}; // ack id -> sent at
  const acceptSentAt = {}; // offer id -> accept sent at
  const timers = [];
  const working = {}; // conversation id -> true while assigned and not yet resolved
  const seenOffers = {}; // offer id -> true: the same offer.created twice is a duplicate delivery
  let closed = false;
  let leaving = false;

  const send = (frame) => {
    if (!closed && ws.readyState === 1) ws.send(frame);
  };
  const command = (payload) => {
    const ackId = nextAck++;
    pendingAcks[ackId] = Date.now();
    send(`42${NAMESPACE},${ackId}${JSON.stringify(['command', payload])}`);
  };
  const later = (ms, fn) => {
    timers.push(setTimeout(fn, ms));
  };
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const t of timers) clearTimeout(t);
    ws.close();
  };
  /** Ends the shift cleanly: resolves what is still open, goes offline, then closes the socket. */
  const signOff = () => {
    if (closed || leaving) return;
    leaving = true;
    for (const t of timers) clearTimeout(t);
    for (const conversationId of Object.keys(working))
      command({ type: 'conversation.resolve', conversationId });
    command({ type: 'status.set', status: 'offline' });
    setTimeout(finish, 1000);
  };

  const onEvent = (name, event) => {
    switch (name) {
      case 'ready':
        agentsReady.add(1);
        command({ type: 'status.set', status: 'available' });
        break;
      case 'offer.created': {
        if (leaving) break;
        if (seenOffers[event.offerId]) {
          offersRepeated.add(1);
          break;
        }
        seenOffers[event.offerId] = true;
        const receivedAt = Date.now();
        offersReceived.add(1);
        if (receivedAt <= arrivalsEnd) offersDuringArrivals.add(1);
        const marker = MARKER.exec(event.preview || '');
        if (marker && marker[1] === data.runId) {
          const ms = receivedAt - Number(marker[3]);
          offerLatency.add(ms, { channel: event.channel });
          console.log(`O ${marker[2]} ${receivedAt} ${ms}`);
        } else {
          offersForeign.add(1);
        }
        acceptSentAt[event.offerId] = Date.now();
        command({ type: 'offer.accept', offerId: event.offerId });
        break;
      }
      case 'assignment.created': {
        if (event.agentId && event.agentId !== agentId) break; // a supervisor-room copy, not ours
        assignments.add(1);
        const sent = event.offerId ? acceptSentAt[event.offerId] : undefined;
        if (sent !== undefined) {
          const now = Date.now();
          assignLatency.add(now - sent);
          console.log(`A ${now} ${now - sent}`);
          delete acceptSentAt[event.offerId];
        }
        working[event.conversationId] = true;
        later(THINK_MS, () =>
          command({ type: 'conversation.resolve', conversationId: event.conversationId }),
        );
        break;
      }
      case 'conversation.resolved':
        if (event.agentId && event.agentId !== agentId) break;
        delete working[event.conversationId];
        resolutions.add(1);
        break;
      case 'offer.closed':
        // Going offline at the end cancels the offers still pending: that is the harness, not the engine.
        if (event.outcome !== 'accepted') {
          if (!leaving) offersNotAccepted.add(1, { outcome: event.outcome });
          delete acceptSentAt[event.offerId];
        }
        break;
      case 'command.rejected':
        commandsRejected.add(1, { code: event.code });
        console.warn(`${email}: command rejected ${event.code}: ${event.message}`);
        break;
      case 'agent.status-changed':
        // The router may take an agent out of rotation (missed offers); count it and go back in.
        if (event.agentId === agentId && event.cause !== 'agent' && event.status !== 'available') {
          agentsSetAway.add(1, { status: event.status, cause: event.cause });
          if (!leaving) command({ type: 'status.set', status: 'available' });
        }
        break;
      default:
        break;
    }
  };

  ws.onopen = () => {
    later(Math.max(0, sessionEnd - Date.now()), signOff);
  };
  ws.onmessage = (message) => {
    const frame = typeof message.data === 'string' ? message.data : String(message.data);
    switch (frame[0]) {
      case '0': // Engine.IO open: join the namespace
        send(`40${NAMESPACE},${JSON.stringify({ token, stream: 'routing-events' })}`);
        return;
      case '2': // ping
        send(`3${frame.slice(1)}`);
        return;
      case '4': {
        const packet = parseSocketIo(frame.slice(1));
        if (packet.nsp !== NAMESPACE) return;
        if (packet.type === '4') {
          socketErrors.add(1, { kind: 'connect_error' });
          console.error(`${email}: namespace refused: ${JSON.stringify(packet.data)}`);
          finish();
        } else if (packet.type === '2' && Array.isArray(packet.data)) {
          onEvent(packet.data[0], packet.data[1] || {});
        } else if (packet.type === '3' && packet.id !== null) {
          const sent = pendingAcks[packet.id];
          delete pendingAcks[packet.id];
          if (sent !== undefined) commandAck.add(Date.now() - sent);
          const ack = Array.isArray(packet.data) ? packet.data[0] : undefined;
          if (!ack || ack.ok !== true) {
            acksFailed.add(1);
            console.warn(`${email}: command refused: ${JSON.stringify(ack)}`);
          }
        } else if (packet.type === '1') {
          socketErrors.add(1, { kind: 'server_disconnect' });
          finish();
        }
        return;
      }
      default:
        return;
    }
  };
  ws.onerror = (e) => {
    socketErrors.add(1, { kind: 'ws_error' });
    console.error(`${email}: websocket error: ${e && e.error ? e.error : e}`);
  };
  ws.onclose = () => {
    if (!closed) {
      // The server closed the socket before the session ended.
      socketErrors.add(1, { kind: 'closed_early' });
      closed = true;
      for (const t of timers) clearTimeout(t);
    }
  };
}

// ---- helpers ----------------------------------------------------------------------------------------------

/** Parses a socket.io packet (the Engine.IO `4` already stripped): type, namespace, ack id, JSON data. */
function parseSocketIo(text) {
  const type = text[0];
  let i = 1;
  let nsp = '/';
  if (text[i] === '/') {
    const comma = text.indexOf(',', i);
    nsp = comma === -1 ? text.slice(i) : text.slice(i, comma);
    i = comma === -1 ? text.length : comma + 1;
  }
  let digits = '';
  while (i < text.length && text[i] >= '0' && text[i] <= '9') digits += text[i++];
  let data;
  if (i < text.length) {
    try {
      data = JSON.parse(text.slice(i));
    } catch (_) {
      data = undefined;
    }
  }
  return { type, nsp, id: digits ? Number(digits) : null, data };
}

function fromAddress(channel, id) {
  if (channel === 'email') return { address: `customer-${id}@load.test`, displayName: `Load ${id}` };
  if (channel === 'whatsapp') return { address: `wa-${id}`, displayName: `Load ${id}` };
  return { address: `visitor-${id}`, displayName: `Load ${id}` };
}

/** k6-style durations: 45s, 1m30s, 500ms, 2m. */
function parseDuration(text) {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = '';
  let m;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2]];
    matched += m[0];
  }
  if (!matched || matched !== String(text)) throw new Error(`not a duration: ${text}`);
  return total;
}

function positiveInt(value, fallback) {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function nonNegativeInt(value, fallback) {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
}
