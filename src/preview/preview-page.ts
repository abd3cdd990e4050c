// The preview page: one HTML document with its style and script, drawing what /state says.
// The Telegram side shows the renderer's HTML as Telegram would; the Discord side draws its embeds.

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1f2328; }
header { background: #1f2328; color: #fff; padding: 10px 20px; display: flex; gap: 16px; align-items: baseline; }
header a { color: #9ecbff; }
main { padding: 16px 20px; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; background: #d1f0d9; color: #116329; }
.status.error, .over-badge { background: #ffd7d5; color: #a40e26; }
.status.scheduled { background: #fff1c2; color: #7a4d00; }
.over-badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; }
table.articles { border-collapse: collapse; background: #fff; width: 100%; }
table.articles td, table.articles th { border-bottom: 1px solid #e1e4e8; padding: 6px 10px; text-align: left; }
ul.errors { background: #fff5f5; border: 1px solid #ffc1c0; padding: 8px 8px 8px 28px; font-family: ui-monospace, monospace; font-size: 13px; }
ul.errors li { color: #a40e26; }
section.view { background: #fff; margin: 14px 0; padding: 10px 14px; border-radius: 6px; }
section.view h3 { margin: 0 0 8px; font-size: 15px; }
.badge-generated { font-size: 12px; background: #ddf4ff; color: #0550ae; padding: 1px 6px; border-radius: 8px; margin-left: 6px; }
.platforms { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.platform h4 { margin: 0 0 6px; font-size: 12px; text-transform: uppercase; color: #57606a; }
ul.counters { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px; font-size: 12px; }
li.counter { background: #eef1f4; border-radius: 4px; padding: 1px 6px; }
li.counter.over { background: #cf222e; color: #fff; font-weight: 600; }
.telegram { background: #dfe9d6; padding: 10px; border-radius: 8px; }
.tg-bubble { background: #fff; border-radius: 10px; padding: 6px 10px; white-space: pre-wrap; overflow-wrap: anywhere; max-width: 460px; box-shadow: 0 1px 1px rgba(0,0,0,.15); }
.tg-bubble blockquote { border-left: 3px solid #3390ec; margin: 2px 0; padding-left: 8px; }
.tg-bubble pre { background: #f1f3f5; padding: 4px; overflow-x: auto; margin: 0; }
.tg-keyboard { max-width: 480px; margin-top: 3px; }
.tg-row { display: flex; gap: 3px; margin-top: 3px; }
.tg-row span { flex: 1; text-align: center; background: rgba(0,0,0,.25); color: #fff; border-radius: 6px; padding: 5px; font-size: 13px; }
.split { text-align: center; font-size: 12px; color: #a40e26; margin: 6px 0; }
.discord { background: #313338; color: #dbdee1; padding: 10px; border-radius: 8px; }
.dc-embed { background: #2b2d31; border-left: 4px solid #3b82f6; border-radius: 4px; padding: 8px 12px; margin: 4px 0; max-width: 520px; overflow-wrap: anywhere; }
.dc-title { font-weight: 600; color: #fff; margin-bottom: 4px; }
.dc-title a { color: #00a8fc; }
.dc-description { white-space: pre-wrap; }
.dc-description blockquote { border-left: 4px solid #4e5058; margin: 0; padding-left: 8px; }
.dc-description pre { background: #1e1f22; padding: 6px; overflow-x: auto; margin: 0; }
.dc-field { margin-top: 6px; } .dc-field-name { font-weight: 600; color: #fff; }
.dc-footer { font-size: 12px; color: #b5bac1; margin-top: 6px; }
.dc-row { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.dc-button { border-radius: 3px; padding: 3px 14px; font-size: 13px; color: #fff; background: #4e5058; }
.dc-button.style-1 { background: #5865f2; } .dc-button.style-3 { background: #248046; } .dc-button.style-4 { background: #da373c; }
.explanation { font-size: 13px; color: #57606a; margin-top: 6px; }
.quality { font-size: 13px; margin-top: 8px; border-top: 1px solid #e1e4e8; padding-top: 6px; }
.quality .where { font-family: ui-monospace, monospace; color: #57606a; }
.quality ul.choices { margin: 4px 0; padding-left: 20px; }
.quality li.correct { color: #116329; font-weight: 600; }
.quality .flag { color: #a40e26; font-weight: 600; }
.quality .note { color: #57606a; font-style: italic; }
.tg-row span.correct, .dc-button.correct { outline: 2px solid #2da44e; }
nav.groups a { margin-right: 10px; }
`;

const SCRIPT = `
'use strict';
let state = null;
let quality = null;
const app = document.getElementById('app');
const live = document.getElementById('live');

function h(tag, props, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'html') node.innerHTML = value;
    else node.setAttribute(key, value);
  }
  for (const child of [].concat(children || [])) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Discord's markdown as the embed renderer writes it: code blocks, quotes, bold, links, escapes.
function discordMarkdown(text) {
  const blocks = text.split(/(\\u0060\\u0060\\u0060\\n[\\s\\S]*?\\n\\u0060\\u0060\\u0060)/);
  return blocks.map((block) => {
    if (block.startsWith('\\u0060\\u0060\\u0060\\n')) return '<pre>' + escapeHtml(block.slice(4, -4)) + '</pre>';
    return block.split('\\n').map((line) => {
      let html = escapeHtml(line);
      const quoted = html.startsWith('&gt; ');
      if (quoted) html = html.slice(5);
      html = html.replace(/\\*\\*(.+?)\\*\\*/g, '<b>$1</b>');
      html = html.replace(/\\[([^\\]]*)\\]\\(([^)\\s]+)\\)/g, '<a href="$2">$1</a>');
      html = html.replace(/\\\\(.)/g, '$1');
      return quoted ? '<blockquote>' + html + '</blockquote>' : html;
    }).join('\\n');
  }).join('');
}

function counters(list) {
  return h('ul', { class: 'counters' }, list.map((c) =>
    h('li', { class: c.over ? 'counter over' : 'counter', title: c.over ? 'over the limit' : 'within the limit' },
      c.label + ' ' + c.value.toLocaleString('en-US') + ' / ' + c.limit.toLocaleString('en-US') + (c.note ? ' · ' + c.note : ''))));
}

function telegramSide(rendered, correct) {
  const children = [];
  rendered.messages.forEach((message, index) => {
    if (index > 0) children.push(h('div', { class: 'split' }, '✂ split: message ' + (index + 1) + ' of ' + rendered.messages.length));
    children.push(h('div', { class: 'tg-bubble', html: message.text }));
    const keyboard = message.reply_markup && message.reply_markup.inline_keyboard;
    if (keyboard) children.push(h('div', { class: 'tg-keyboard' }, keyboard.map((row) =>
      h('div', { class: 'tg-row' }, row.map((button) => h('span', { class: button.text === correct ? 'correct' : undefined, title: button.callback_data || button.url }, button.text))))));
  });
  return h('div', { class: 'platform' }, [h('h4', {}, 'Telegram'), h('div', { class: 'telegram' }, children), counters(rendered.counters)]);
}

function embed(e) {
  return h('div', { class: 'dc-embed' }, [
    e.title ? h('div', { class: 'dc-title' }, e.url ? h('a', { href: e.url }, e.title) : e.title) : null,
    e.description ? h('div', { class: 'dc-description', html: discordMarkdown(e.description) }) : null,
    ...(e.fields || []).map((f) => h('div', { class: 'dc-field' }, [
      h('div', { class: 'dc-field-name', html: discordMarkdown(f.name) }),
      h('div', { class: 'dc-description', html: discordMarkdown(f.value) }),
    ])),
    e.footer ? h('div', { class: 'dc-footer' }, e.footer.text) : null,
  ]);
}

function discordSide(rendered, correct) {
  const children = [];
  rendered.messages.forEach((message, index) => {
    if (index > 0) children.push(h('div', { class: 'split' }, '✂ split: message ' + (index + 1) + ' of ' + rendered.messages.length));
    for (const e of message.embeds) children.push(embed(e));
    for (const row of message.components) children.push(h('div', { class: 'dc-row' }, row.components.map((button) =>
      h('span', { class: 'dc-button style-' + button.style + (button.label === correct ? ' correct' : ''), title: button.custom_id || button.url }, button.label))));
  });
  return h('div', { class: 'platform' }, [h('h4', {}, 'Discord'), h('div', { class: 'discord' }, children), counters(rendered.counters)]);
}

function errorList(errors) {
  if (errors.length === 0) return null;
  return h('ul', { class: 'errors' }, errors.map((error) => h('li', {}, error.text)));
}

function statusOf(article) {
  const errors = state.errors.filter((error) => error.file === article.file).length;
  if (errors > 0) return h('span', { class: 'status error' }, errors + (errors === 1 ? ' error' : ' errors') + ' (showing the last good version)');
  if (article.status === 'scheduled') return h('span', { class: 'status scheduled' }, 'scheduled');
  return h('span', { class: 'status' }, 'ok');
}

function listPage() {
  const known = new Set(state.articles.map((article) => article.file));
  const broken = [...new Set(state.errors.map((error) => error.file))].filter((file) => file && !known.has(file));
  const rows = state.articles.map((article) => h('tr', { class: 'article-row', 'data-id': article.id }, [
    h('td', {}, h('a', { href: '#/article/' + encodeURIComponent(article.id) }, article.title)),
    h('td', {}, article.file),
    h('td', {}, [statusOf(article), article.overLimits > 0 ? h('span', { class: 'over-badge' }, ' ' + article.overLimits + ' over a limit') : null]),
    h('td', {}, article.written + ' written · ' + article.generated + ' generated'),
    h('td', {}, flaggedIn(article) > 0 ? h('span', { class: 'over-badge' }, '⚑ ' + flaggedIn(article) + ' flagged') : ''),
  ]));
  for (const file of broken) {
    rows.push(h('tr', { class: 'article-row broken' }, [h('td', {}, '(does not load)'), h('td', {}, file), h('td', {}, h('span', { class: 'status error' }, 'error')), h('td', {}, '')]));
  }
  return h('div', {}, [
    h('h2', {}, state.articles.length + (state.articles.length === 1 ? ' article' : ' articles') + ' in ' + state.dir),
    errorList(state.errors),
    quality && quality.note ? h('p', {}, quality.note) : null,
    h('table', { class: 'articles' }, [h('tr', {}, ['Title', 'File', 'Check', 'Questions', 'Readers'].map((name) => h('th', {}, name))), ...rows]),
  ]);
}

const GROUPS = { card: 'Card', section: 'Sections', reading: 'Reading', quiz: 'Quiz' };

// Under a question: its line, the answer key marked, and how readers answered and reported it.
function questionQuality(article, question) {
  const data = quality && quality.articles[article.id] ? quality.articles[article.id][question.index] : undefined;
  const choices = question.choices.map((choice, index) => h('li', { class: choice.correct ? 'choice correct' : 'choice' }, [
    (choice.correct ? '✓ ' : '') + choice.text + (choice.correct ? ' (the answer)' : ''),
    data && data.choices[index] ? ' · ' + data.choices[index].picks + ' picked (' + data.choices[index].share + ')' : null,
  ]));
  const missing = !quality ? 'Statistics: loading…' : quality.unavailable ? 'Statistics unavailable: ' + quality.unavailable : null;
  return h('div', { class: 'quality' }, [
    h('div', { class: 'where' }, article.file + (question.line ? ':' + question.line : '')),
    h('ul', { class: 'choices' }, choices),
    data ? h('div', { class: 'stats' }, 'Answers: ' + data.stats) : h('div', { class: 'stats' }, missing || 'Answers: none yet'),
    data ? h('div', { class: 'reports' }, 'Reports: ' + data.reports) : null,
    ...(data ? data.notes.map((note) => h('div', { class: 'note' }, 'note: “' + note + '”')) : []),
    ...(data ? data.flags.map((flag) => h('div', { class: 'flag' }, flag)) : []),
  ]);
}

function flaggedIn(article) {
  const list = quality && quality.articles[article.id];
  return list ? list.filter((entry) => entry.flags.length > 0).length : 0;
}

function articlePage(id) {
  const article = state.articles.find((entry) => entry.id === id);
  if (!article) return h('div', {}, [h('p', {}, 'No article with the id ' + id + ' (any more).'), h('a', { href: '#/' }, 'All articles')]);
  return h('div', { class: 'article', 'data-id': article.id }, [
    h('p', {}, h('a', { href: '#/' }, '← All articles')),
    h('h2', { class: 'article-title' }, article.title),
    h('p', {}, [article.file + ' · ', statusOf(article), ' · ' + article.written + ' written and ' + article.generated + ' generated questions']),
    errorList(state.errors.filter((error) => error.file === article.file)),
    h('nav', { class: 'groups' }, Object.entries(GROUPS).map(([key, label]) => h('a', { href: '#/article/' + encodeURIComponent(id) + '/' + key }, label))),
    ...article.views.map((view) => {
      const correct = view.question ? (view.question.choices.find((choice) => choice.correct) || {}).text : undefined;
      return h('section', { class: 'view view-' + view.group, id: 'view-' + view.group }, [
        h('h3', {}, [GROUPS[view.group] + ' · ' + view.name, view.generated ? h('span', { class: 'badge-generated' }, 'from the text') : null]),
        h('div', { class: 'platforms' }, [telegramSide(view.telegram, correct), discordSide(view.discord, correct)]),
        view.explanation ? h('div', { class: 'explanation' }, 'Explanation after an answer: ' + view.explanation) : null,
        view.question ? questionQuality(article, view.question) : null,
      ]);
    }),
  ]);
}

function render() {
  if (!state) return;
  const match = /^#\\/article\\/([^/]+)(?:\\/(\\w+))?$/.exec(location.hash);
  app.replaceChildren(match ? articlePage(decodeURIComponent(match[1])) : listPage());
  live.textContent = 'version ' + state.version;
  document.body.dataset.version = String(state.version);
  if (match && match[2]) document.getElementById('view-' + match[2])?.scrollIntoView();
}

async function refresh() {
  const response = await fetch('/state', { cache: 'no-store' });
  state = await response.json();
  render();
  refreshQuality();
}

// Answers and reports come in while the bot runs: looked up again now and then.
async function refreshQuality() {
  try {
    const response = await fetch('/quality', { cache: 'no-store' });
    quality = await response.json();
  } catch (error) {
    quality = { unavailable: 'the preview server did not answer', articles: {} };
  }
  render();
}
setInterval(refreshQuality, 30000);

window.addEventListener('hashchange', render);
const events = new EventSource('/events');
events.addEventListener('version', (event) => {
  if (!state || Number(event.data) !== state.version) refresh();
});
`;

export const PREVIEW_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>newsquiz preview</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>newsquiz preview</strong><a href="#/">All articles</a><span id="live"></span></header>
<main id="app">Loading…</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
