// Rill's page: polls /api/mounts and /stats every 2 s and refreshes each mount's preview every
// second. Vanilla JS, no build step, nothing loaded from elsewhere.
//
// Previews are snapshots (/snapshot/<mount>), one at a time per mount, not <img src="/stream/...">:
// a multipart stream holds its HTTP connection for as long as it is shown, and a browser opens at
// most ~6 connections per host over HTTP/1.1, so a page with six live streams would leave no
// connection for its own polling (or for a seventh preview). A snapshot costs one short request
// per mount per second and frees its connection at once; a stored clip's snapshot follows the
// clip with ?t=, a live mount's is its newest frame.
'use strict';

const POLL_MS = 2000;
const PREVIEW_MS = 1000;
const PREVIEW_WIDTH = 640;
const STALE_AFTER_MS = 6000;

const cards = new Map();          // mount path -> card
const opened = performance.now(); // stored previews play from here

function el(id) { return document.getElementById(id); }

function plural(n, one, many) { return `${n.toLocaleString()} ${n === 1 ? one : many}`; }

function seconds(s) {
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

function encodedPath(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

function makeCard(mount) {
  const node = el('card-template').content.firstElementChild.cloneNode(true);
  const card = {
    node,
    mount,
    img: node.querySelector('img'),
    url: null,
    busy: false,
    frames: 0,
  };
  node.dataset.path = mount.path;
  card.img.alt = `Preview of ${mount.path}`;
  node.querySelector('.path').textContent = mount.path;
  for (const row of node.querySelectorAll('.url')) {
    row.querySelector('.copy').addEventListener('click', () => copy(row));
  }
  cards.set(mount.path, card);
  el('mounts').append(node);
  return card;
}

function updateCard(card, mount) {
  card.mount = mount;
  const n = card.node;
  const kind = n.querySelector('.kind');
  kind.textContent = mount.kind;
  kind.className = `kind ${mount.kind}`;
  const type = [mount.type, mount.description].filter(Boolean);
  n.querySelector('.type').textContent = type.join(' · ');
  const dot = n.querySelector('.dot');
  const text = n.querySelector('.state-text');
  if (mount.kind === 'live') {
    const age = mount.live.newestFrameAgeMillis;
    const state = mount.live.state;
    const source = mount.live.source;
    dot.className = `dot ${state === 'flowing' ? 'ok' : state === 'stalled' ? 'warn' : 'idle'}`;
    text.textContent = state === 'flowing' ? `Frames flowing · newest ${age} ms ago`
      : state === 'stalled' ? (age === null ? 'Started, no frame yet' : `Stalled · no frame for ${seconds(age / 1000)}`)
      : 'Idle · starts when someone watches';
    // The source's own word wins while it is not receiving: a camera being reached or retried.
    if (mount.type === 'publish' && source && source.state !== 'live') {
      // A publish mount has nothing to show until an encoder ANNOUNCEs and RECORDs to it.
      dot.className = source.state === 'waiting' ? 'dot idle' : 'dot warn';
      text.textContent = source.state === 'waiting' ? 'Waiting for a publisher' : 'Publisher connecting';
    } else if (source && (source.state === 'connecting' || source.state === 'retrying')) {
      dot.className = 'dot warn';
      text.textContent = source.state === 'connecting' ? 'Connecting to the source'
        : `Source lost · retrying (${plural(source.reconnects, 'reconnect', 'reconnects')})`;
    }
  } else {
    dot.className = 'dot ok';
    text.textContent = `Stored clip · ${seconds(mount.durationSeconds)}`;
  }
  n.querySelector('.rtsp').replaceChildren(bold(mount.rtspSessions), mount.rtspSessions === 1 ? ' RTSP session' : ' RTSP sessions');
  n.querySelector('.http').replaceChildren(bold(mount.httpViewers), mount.httpViewers === 1 ? ' HTTP viewer' : ' HTTP viewers');
  const url = n.querySelector('.rtsp-url');
  if (url.value !== mount.rtspUrl) url.value = mount.rtspUrl;
  const secure = n.querySelector('.rtsps-url');
  secure.closest('.url').hidden = !mount.rtspsUrl;
  if (mount.rtspsUrl && secure.value !== mount.rtspsUrl) secure.value = mount.rtspsUrl;
}

function bold(n) {
  const b = document.createElement('b');
  b.textContent = n.toLocaleString();
  return b;
}

// Copies the URL of one row (rtsp:// or rtsps://) of a card.
async function copy(row) {
  const input = row.querySelector('input');
  const button = row.querySelector('.copy');
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(input.value);
    } else {
      input.select();
      document.execCommand('copy');
    }
    button.textContent = 'Copied';
  } catch (e) {
    input.select();
    button.textContent = 'Press Ctrl+C';
  }
  setTimeout(() => { button.textContent = 'Copy'; }, 1500);
}

// One snapshot request per card at a time; the picture is swapped only once the next has arrived.
async function refreshPreview(card) {
  if (card.busy || document.hidden) return;
  card.busy = true;
  const m = card.mount;
  let query = `width=${PREVIEW_WIDTH}`;
  if (m.kind === 'stored' && m.durationSeconds > 0) {
    const t = ((performance.now() - opened) / 1000) % m.durationSeconds;
    query += `&t=${t.toFixed(2)}`;
  }
  try {
    const r = await fetch(`/snapshot${encodedPath(m.path)}?${query}`, { cache: 'no-store' });
    if (!r.ok) throw new Error(`${r.status}`);
    const url = URL.createObjectURL(await r.blob());
    await new Promise((resolve, reject) => {
      card.img.onload = resolve;
      card.img.onerror = reject;
      card.img.src = url;
    });
    if (card.url) URL.revokeObjectURL(card.url);
    card.url = url;
    card.frames++;
    card.img.dataset.frames = String(card.frames);
    card.node.querySelector('.no-picture').hidden = true;
  } catch (e) {
    if (e.message === '404' && card.url) {
      // Nothing there any more (a publisher left): do not keep showing its last picture.
      URL.revokeObjectURL(card.url);
      card.url = null;
      card.img.removeAttribute('src');
    }
    if (!card.url) card.node.querySelector('.no-picture').hidden = false;
  } finally {
    card.busy = false;
  }
}

let lastMounts = 0;

async function pollMounts() {
  try {
    const r = await fetch('/api/mounts', { cache: 'no-store' });
    if (!r.ok) throw new Error(`/api/mounts answered ${r.status}`);
    const data = await r.json();
    const seen = new Set();
    for (const mount of data.mounts) {
      seen.add(mount.path);
      const known = cards.get(mount.path);
      if (known) {
        updateCard(known, mount);
      } else {
        const card = makeCard(mount);
        updateCard(card, mount);
        refreshPreview(card);
      }
    }
    for (const [path, card] of cards) {
      if (!seen.has(path)) { card.node.remove(); cards.delete(path); }
    }
    const sessions = data.mounts.reduce((a, m) => a + m.rtspSessions, 0);
    const viewers = data.mounts.reduce((a, m) => a + m.httpViewers, 0);
    el('summary').textContent = `${plural(data.mounts.length, 'mount', 'mounts')} · `
      + `${plural(sessions, 'RTSP session', 'RTSP sessions')} · ${plural(viewers, 'HTTP viewer', 'HTTP viewers')}`
      + ` · RTSP port ${data.rtspPort}`;
    if (data.mounts.length === 0) {
      el('summary').textContent += ' · no mounts configured: media files still play by their path';
    }
    lastMounts = performance.now();
    el('connection').hidden = true;
  } catch (e) {
    if (performance.now() - lastMounts > STALE_AFTER_MS) {
      el('connection').textContent = 'The server does not answer; showing what it last said.';
      el('connection').hidden = false;
    }
  } finally {
    setTimeout(pollMounts, POLL_MS);
  }
}

function note(text, warn) {
  const p = el('sessions-note');
  p.textContent = text;
  p.className = warn ? 'note warn' : 'note';
  p.hidden = !text;
}

function cell(text, cls, title) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  if (title) td.title = title;
  return td;
}

function renderSessions(sessions) {
  const body = el('sessions').tBodies[0];
  const rows = sessions.map((s) => {
    const tr = document.createElement('tr');
    tr.dataset.session = s.id;
    const rr = s.reception;
    const state = document.createElement('td');
    const pill = document.createElement('span');
    pill.className = `pill ${s.state}`;
    pill.textContent = s.state;
    state.append(pill);
    tr.append(
      cell(s.peer, 'mono'),
      cell(s.mount, 'mono'),
      cell(`${s.transportKind} · ${s.dialect}`, '', s.transport),
      state,
      cell(s.packetsSent.toLocaleString(), 'num'),
      cell(rr ? `${((rr.fractionLost ?? 0) * 100).toFixed(1)} % (${rr.cumulativeLost})` : '—', 'num',
        rr ? 'fraction lost in the last RTCP report (packets lost in all)' : 'no RTCP receiver report yet'),
      cell(rr && rr.jitterMillis !== null ? `${rr.jitterMillis.toFixed(1)} ms` : '—', 'num'));
    return tr;
  });
  body.replaceChildren(...rows);
  el('sessions-count').textContent = sessions.length ? `(${sessions.length})` : '';
}

async function pollStats() {
  try {
    const r = await fetch('/stats', { cache: 'no-store' });
    if (r.status === 403) {
      renderSessions([]);
      note('Sessions are listed only for a browser on the server\'s own machine: /stats answered 403 Forbidden, '
        + 'because it names every viewer\'s address. Open this page on the server itself to see them.', true);
    } else if (r.status === 404) {
      renderSessions([]);
      note('No session list: the server runs without a stats listener. Add {"type": "stats"} to "listeners" in its config.', true);
    } else if (!r.ok) {
      note(`/stats answered ${r.status}; the table shows what it last said.`, true);
    } else {
      const data = await r.json();
      renderSessions(data.sessions);
      note(data.sessions.length ? '' : 'No RTSP sessions right now.', false);
    }
  } catch (e) {
    note('Cannot reach /stats; the table shows what it last said.', true);
  } finally {
    setTimeout(pollStats, POLL_MS);
  }
}

function previews() {
  for (const card of cards.values()) refreshPreview(card);
}

el('open-file').addEventListener('submit', (e) => {
  e.preventDefault();
  const path = el('file-path').value.trim().replace(/^\/+/, '');
  if (path) window.open(`/stream/${path.split('/').map(encodeURIComponent).join('/')}`, '_blank');
});

pollMounts();
pollStats();
setInterval(previews, PREVIEW_MS);
document.addEventListener('visibilitychange', previews);
