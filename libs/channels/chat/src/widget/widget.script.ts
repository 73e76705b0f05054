// The embeddable chat widget, served as /widget.js. Plain ES2017 with no build step and one dependency, the
// socket.io client the gateway serves itself. Installed with:
//   <script src="https://switchboard.example/widget.js" data-inbox="<chat inbox id>" async></script>
export const WIDGET_SCRIPT = String.raw`(function () {
  'use strict';
  var me = document.currentScript;
  if (!me) return;
  var base = new URL(me.src).origin;
  var inboxId = me.getAttribute('data-inbox');
  if (!inboxId) { console.error('switchboard widget: data-inbox is required'); return; }
  var storeKey = 'switchboard.visitor.' + inboxId;
  var seqKey = storeKey + '.seq';

  function el(tag, style, text) {
    var node = document.createElement(tag);
    if (style) node.setAttribute('style', style);
    if (text) node.textContent = text;
    return node;
  }
  var box = el('div', 'position:fixed;bottom:16px;right:16px;width:320px;font:14px sans-serif;border:1px solid #ccc;border-radius:8px;background:#fff;box-shadow:0 2px 8px rgba(0,0,0,.2);z-index:2147483000');
  var status = el('div', 'padding:8px;background:#1f6feb;color:#fff;border-radius:8px 8px 0 0', 'Connecting…');
  var log = el('div', 'height:260px;overflow-y:auto;padding:8px');
  var typing = el('div', 'padding:0 8px;height:18px;color:#666;font-size:12px');
  var form = el('form', 'display:flex;border-top:1px solid #eee');
  var input = el('input', 'flex:1;border:0;padding:8px');
  input.placeholder = 'Type a message';
  var send = el('button', 'border:0;background:#1f6feb;color:#fff;padding:0 12px', 'Send');
  form.appendChild(input); form.appendChild(send);
  box.appendChild(status); box.appendChild(log); box.appendChild(typing); box.appendChild(form);
  box.setAttribute('data-switchboard-widget', '');

  function line(who, text) {
    var row = el('div', 'margin:4px 0;' + (who === 'you' ? 'text-align:right' : ''));
    // A system message (acknowledgement, survey) is set apart from the agent's words.
    var look = who === 'system' ? '#fff;font-style:italic;color:#475569' : who === 'you' ? '#dbeafe' : '#f1f5f9';
    row.appendChild(el('span', 'display:inline-block;padding:4px 8px;border-radius:6px;background:' + look, text));
    log.appendChild(row); log.scrollTop = log.scrollHeight;
    return row;
  }
  function showQueue(q) {
    var minutes = Math.max(1, Math.round(q.estimatedWaitSeconds / 60));
    status.textContent = 'You are number ' + q.position + ' in the queue (about ' + minutes + ' min)';
  }

  function session() {
    var previous = null;
    try { previous = localStorage.getItem(storeKey); } catch (e) {}
    var body = { inboxId: inboxId };
    if (previous) body.token = previous;
    return fetch(base + '/v1/chat/sessions', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) throw new Error('session refused: ' + r.status);
      return r.json();
    }).then(function (s) {
      try { localStorage.setItem(storeKey, s.token); } catch (e) {}
      return s;
    });
  }

  function loadClient() {
    if (window.io) return Promise.resolve(window.io);
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = base + '/socket.io/socket.io.min.js';
      s.onload = function () { resolve(window.io); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  // The resume cursor: the highest routing-event seq this visitor was pushed, kept across reloads. The
  // gateway replays what came after it on every (re)connection; replies are also shown once by id.
  function storedSeq() {
    var value = null;
    try { value = localStorage.getItem(seqKey); } catch (e) {}
    return value !== null && /^[0-9]+$/.test(value) ? Number(value) : null;
  }

  function start(s, io) {
    var lastSeq = storedSeq();
    var shown = {};
    function saw(seq) {
      if (typeof seq !== 'number' || (lastSeq !== null && seq <= lastSeq)) return;
      lastSeq = seq;
      try { localStorage.setItem(seqKey, String(seq)); } catch (e) {}
    }
    var socket = io(base + '/visitors', {
      // A function, so every reconnection sends the cursor as it is then.
      auth: function (cb) { cb(lastSeq === null ? { token: s.token } : { token: s.token, lastSeq: lastSeq }); },
      transports: ['websocket']
    });
    var counter = 0;
    function deliver(text, id, attempt) {
      socket.timeout(10000).emit('message', { clientMessageId: id, body: text }, function (err, ack) {
        if (!err && ack && ack.ok) return;
        var wait = Math.min(30000, (ack && ack.retryAfterMs) || 1000 * Math.pow(2, attempt));
        setTimeout(function () { deliver(text, id, attempt + 1); }, wait);
      });
    }
    // The survey's answer: a 1-5 button sends the rating with the optional comment, once.
    function rate(conversationId) {
      var row = el('div', 'margin:4px 0');
      var comment = el('input', 'width:100%;box-sizing:border-box;margin-top:4px');
      comment.placeholder = 'Comment (optional)';
      function send(score) {
        var body = { conversationId: conversationId, score: score };
        if (comment.value.trim()) body.comment = comment.value.trim();
        socket.emit('csat', body, function (ack) {
          row.textContent = ack && ack.ok ? 'Thank you for your rating'
            : ack && ack.code === 'CONFLICT' ? 'You already rated this conversation, thank you'
            : 'The rating could not be sent';
        });
      }
      for (var score = 1; score <= 5; score++) {
        var button = el('button', 'margin-right:4px', String(score));
        button.type = 'button';
        button.addEventListener('click', send.bind(null, score));
        row.appendChild(button);
      }
      row.appendChild(comment);
      log.appendChild(row); log.scrollTop = log.scrollHeight;
    }
    socket.on('connect', function () { status.textContent = 'Connected'; });
    socket.on('connect_error', function (e) { status.textContent = 'Cannot connect: ' + e.message; });
    socket.on('ready', function (r) {
      if (lastSeq === null && typeof r.seq === 'number') saw(r.seq);
      if (r.queue) showQueue(r.queue);
      if (r.agent) status.textContent = 'Chatting with ' + (r.agent.displayName || 'an agent');
    });
    socket.on('queue', showQueue);
    socket.on('message.stored', function (m) { saw(m.seq); });
    socket.on('assigned', function (a) { saw(a.seq); status.textContent = 'Chatting with ' + (a.agent.displayName || 'an agent'); });
    socket.on('reply', function (m) {
      saw(m.seq);
      if (shown[m.messageId]) return;
      shown[m.messageId] = true;
      line(m.kind && m.kind !== 'agent' ? 'system' : 'agent', m.body);
      if (m.kind === 'csat-survey') rate(m.conversationId);
      socket.emit('receipt', { messageId: m.messageId }, function () {});
    });
    socket.on('typing', function (t) { typing.textContent = t.typing ? 'The agent is typing…' : ''; });
    socket.on('resolved', function (r) { saw(r.seq); status.textContent = 'The conversation has ended'; });
    var typingTimer = null;
    input.addEventListener('input', function () {
      if (!typingTimer) socket.emit('typing', { typing: true }, function () {});
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typingTimer = null; socket.emit('typing', { typing: false }, function () {}); }, 2000);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      input.value = '';
      line('you', text);
      deliver(text, Date.now().toString(36) + '-' + (counter++), 0);
    });
  }

  function mount() {
    document.body.appendChild(box);
    Promise.all([session(), loadClient()]).then(function (r) { start(r[0], r[1]); }, function (e) {
      status.textContent = 'Chat unavailable';
      console.error('switchboard widget:', e);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
`;
