// House rules are stored as HTML (a PocketBase editor field) and may have
// been written anywhere: this app, the dashboard's editor, a script. The app
// never puts that HTML into the page. DOMParser reads it into an inert
// document (no scripts run, nothing loads), and only the text of its block
// elements comes out, as plain strings that Preact renders as text.
import { html } from './html.js';

const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav',
  'address', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'hr',
]);
// Elements whose content is never text for a reader.
const SKIP = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math',
  'head', 'title', 'img', 'video', 'audio', 'canvas', 'select', 'textarea', 'button', 'input',
]);

function isBlock(node) {
  return node.nodeType === 1 && BLOCKS.has(node.localName);
}

function hasBlockInside(el) {
  for (const c of el.childNodes) {
    if (c.nodeType !== 1 || SKIP.has(c.localName)) continue;
    if (isBlock(c) || hasBlockInside(c)) return true;
  }
  return false;
}

// gatherLines appends the text under node to lines: text continues the last
// line; <br> and nested blocks start a new one.
function gatherLines(node, lines) {
  for (const c of node.childNodes) {
    if (c.nodeType === 3) {
      lines[lines.length - 1] += c.data.replace(/\s+/g, ' ');
    } else if (c.nodeType === 1 && !SKIP.has(c.localName)) {
      if (c.localName === 'br') lines.push('');
      else if (isBlock(c)) {
        lines.push('');
        gatherLines(c, lines);
        lines.push('');
      } else gatherLines(c, lines);
    }
  }
  return lines;
}

// tidy trims each line and drops the empty ones.
function tidy(lines) {
  return lines.map((l) => l.trim()).filter(Boolean);
}

function listItems(list) {
  const items = [];
  for (const c of list.childNodes) {
    if (c.nodeType === 1 && !SKIP.has(c.localName)) {
      const lines = tidy(gatherLines(c, ['']));
      if (lines.length) items.push(lines);
    } else if (c.nodeType === 3 && c.data.trim()) {
      items.push([c.data.replace(/\s+/g, ' ').trim()]);
    }
  }
  return items;
}

function collect(parent, out) {
  let loose = null; // a paragraph gathered from text that sits outside any block
  const flush = () => {
    const lines = loose ? tidy(loose) : [];
    if (lines.length) out.push({ kind: 'para', lines });
    loose = null;
  };
  for (const node of parent.childNodes) {
    if (node.nodeType === 3) {
      loose = loose || [''];
      loose[loose.length - 1] += node.data.replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType !== 1 || SKIP.has(node.localName)) continue;
    const name = node.localName;
    if (name === 'br') {
      loose = loose || [''];
      loose.push('');
      continue;
    }
    if (!isBlock(node) && !hasBlockInside(node)) {
      loose = loose || [''];
      gatherLines(node, loose);
      continue;
    }
    flush();
    if (name === 'ul' || name === 'ol') {
      const items = listItems(node);
      if (items.length) out.push({ kind: 'list', ordered: name === 'ol', items });
    } else if (hasBlockInside(node)) {
      collect(node, out);
    } else {
      const lines = tidy(gatherLines(node, ['']));
      if (lines.length) out.push({ kind: /^h[1-6]$/.test(name) ? 'heading' : 'para', lines });
    }
  }
  flush();
}

// rulesBlocks reads stored rules HTML into blocks of text:
// {kind: 'heading'|'para', lines} or {kind: 'list', ordered, items: [lines]}.
export function rulesBlocks(source) {
  if (!source || typeof DOMParser === 'undefined') return [];
  const doc = new DOMParser().parseFromString(String(source), 'text/html');
  const out = [];
  if (doc.body) collect(doc.body, out);
  return out;
}

// rulesToText turns stored rules HTML into the plain text a manager edits:
// a blank line between blocks, list items on their own numbered lines.
export function rulesToText(source) {
  return rulesBlocks(source).map((b) => {
    if (b.kind !== 'list') return b.lines.join('\n');
    return b.items.map((lines, i) => (b.ordered ? `${i + 1}. ` : '• ') + lines.join('\n')).join('\n');
  }).join('\n\n');
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHTML(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// textToRules turns the manager's plain text into HTML paragraphs, every
// character escaped: a blank line starts a new paragraph, a single newline
// is a <br>.
export function textToRules(text) {
  return String(text || '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((para) => para.split('\n').map((l) => l.trim()).filter(Boolean))
    .filter((lines) => lines.length)
    .map((lines) => '<p>' + lines.map(escapeHTML).join('<br>') + '</p>')
    .join('');
}

function withBreaks(lines) {
  return lines.map((l, i) => (i ? [html`<br />`, l] : l));
}

// RulesText renders stored rules HTML as text, through Preact only.
export function RulesText({ source, testid }) {
  const blocks = rulesBlocks(source);
  return html`<div class="rules-text" data-testid=${testid}>
    ${blocks.map((b, i) => {
      if (b.kind === 'heading') return html`<h2 key=${i}>${withBreaks(b.lines)}</h2>`;
      if (b.kind === 'para') return html`<p key=${i}>${withBreaks(b.lines)}</p>`;
      const items = b.items.map((lines, j) => html`<li key=${j}>${withBreaks(lines)}</li>`);
      return b.ordered ? html`<ol key=${i}>${items}</ol>` : html`<ul key=${i}>${items}</ul>`;
    })}
  </div>`;
}
