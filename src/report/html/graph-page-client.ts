/// <reference lib="dom" />
/**
 * The HTML report's script. It runs in the browser: `renderHtmlReport` inlines its source (Function#toString),
 * so it must stay self-contained — no imports, no outer variables. Every string from the model is written with
 * textContent, never as markup.
 */
import type { PageData } from './page-data.js';

export function graphPageClient(data: PageData): void {
  const VERDICT_COLORS = ['#3fa45b', '#e0a526', '#d9463b', '#8a8f98', '#c9ced6'];
  const VERDICT_NAMES = ['supported', 'partial', 'unsupported', 'unknown', '—'];
  const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
  const element = (tag: string, text?: string, className?: string): HTMLElement => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  };
  const safeLink = (url: string, text: string): HTMLElement => {
    const a = element('a', text) as HTMLAnchorElement;
    if (/^https:\/\//.test(url)) a.href = url;
    a.rel = 'noreferrer noopener';
    a.target = '_blank';
    return a;
  };

  // open on the first target with findings: that is the one the reader came for
  let target = Math.max(
    0,
    data.targets.findIndex((t) => t.verdict !== 'ready'),
  );
  let selected = -1;
  const canvas = byId<HTMLCanvasElement>('graph');
  const ctx = canvas.getContext('2d')!;
  const view = { scale: 1, x: 0, y: 0 };

  function resize(): void {
    const box = canvas.parentElement!.getBoundingClientRect();
    canvas.width = Math.max(200, Math.floor(box.width * devicePixelRatio));
    canvas.height = Math.max(200, Math.floor(box.height * devicePixelRatio));
    canvas.style.width = `${box.width}px`;
    canvas.style.height = `${box.height}px`;
  }

  function fit(): void {
    const w = canvas.width / devicePixelRatio;
    view.scale = Math.min(1.2, Math.max(0.05, (w - 20) / Math.max(data.width, 1)));
    view.x = (data.width - w / view.scale) / 2;
    view.y = 0;
  }

  function draw(): number {
    const dpr = devicePixelRatio;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const w = canvas.width / dpr / view.scale,
      h = canvas.height / dpr / view.scale;
    const visible = (x: number, y: number, margin: number): boolean =>
      x > view.x - margin && x < view.x + w + margin && y > view.y - margin && y < view.y + h + margin;
    ctx.setTransform(dpr * view.scale, 0, 0, dpr * view.scale, -view.x * dpr * view.scale, -view.y * dpr * view.scale);
    ctx.strokeStyle = '#9aa3ad';
    ctx.lineWidth = 1 / Math.max(view.scale, 0.5);
    ctx.beginPath();
    for (const [from, to] of data.edges) {
      const a = data.nodes[from]!,
        b = data.nodes[to]!;
      if (!visible(a.x, a.y, 400) && !visible(b.x, b.y, 400)) continue;
      ctx.moveTo(a.x, a.y + 14);
      ctx.bezierCurveTo(a.x, a.y + 34, b.x, b.y - 34, b.x, b.y - 14);
    }
    ctx.stroke();
    let drawn = 0;
    ctx.font = '12px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    data.nodes.forEach((n, i) => {
      if (!visible(n.x, n.y, n.w)) return;
      drawn++;
      ctx.fillStyle = VERDICT_COLORS[n.v[target] ?? 4]!;
      ctx.fillRect(n.x - n.w / 2, n.y - 14, n.w, 28);
      if (i === selected) {
        ctx.strokeStyle = '#1d3c8f';
        ctx.lineWidth = 3 / Math.max(view.scale, 0.3);
        ctx.strokeRect(n.x - n.w / 2 - 2, n.y - 16, n.w + 4, 32);
      }
      if (view.scale > 0.45) {
        ctx.fillStyle = '#10151c';
        ctx.fillText(n.op, n.x, n.y, n.w - 6);
      }
    });
    return drawn;
  }

  function showDetail(i: number): void {
    const panel = byId('detail');
    panel.replaceChildren();
    const n = data.nodes[i];
    if (!n) {
      panel.append(element('p', 'Click a node to see its attributes, tensors and findings.', 'hint'));
      return;
    }
    panel.append(element('h3', n.name), element('div', n.op, 'op'));
    if (n.origin) panel.append(element('div', `from ${n.origin}`, 'origin'));
    const verdicts = element('div', undefined, 'verdicts');
    data.targets.forEach((t, k) => {
      const chip = element('span', `${t.id}: ${VERDICT_NAMES[n.v[k] ?? 4]}`, 'chip');
      chip.style.background = VERDICT_COLORS[n.v[k] ?? 4]!;
      verdicts.append(chip);
    });
    panel.append(verdicts);
    const list = (title: string, items: string[]): void => {
      if (!items.length) return;
      panel.append(element('h4', title));
      const ul = element('ul');
      for (const item of items) ul.append(element('li', item));
      panel.append(ul);
    };
    list('inputs', n.inputs);
    list('outputs', n.outputs);
    list('attributes', n.attrs);
    if (n.f.length) {
      panel.append(element('h4', 'findings'));
      for (const fi of n.f) panel.append(findingCard(fi));
    }
  }

  function findingCard(fi: number): HTMLElement {
    const f = data.findings[fi]!;
    const card = element('div', undefined, `finding ${f.level}`);
    card.append(element('div', `${f.level} ${f.ruleId}`, 'rule'), element('div', f.message));
    if (f.fix) card.append(element('div', `fix: ${f.fix}`, 'fix'));
    const src = element('div', 'source: ', 'source');
    src.append(safeLink(f.source.url, f.source.section ? `${f.source.url} § ${f.source.section}` : f.source.url));
    card.append(src);
    return card;
  }

  function select(i: number, center: boolean): void {
    selected = i;
    if (center && data.nodes[i]) {
      const w = canvas.width / devicePixelRatio / view.scale,
        h = canvas.height / devicePixelRatio / view.scale;
      view.scale = Math.max(view.scale, 0.8);
      view.x = data.nodes[i]!.x - w / 2;
      view.y = data.nodes[i]!.y - h / 3;
    }
    showDetail(i);
    draw();
  }

  function buildMatrix(): void {
    const table = byId('matrix');
    const head = element('tr');
    for (const h of ['target', 'verdict', 'supported', 'partial', 'unsupported', 'unknown', 'toolchain'])
      head.append(element('th', h));
    table.append(head);
    for (const t of data.targets) {
      const row = element('tr');
      row.append(element('td', t.id), element('td', t.verdict, `verdict ${t.verdict}`));
      for (const k of ['supported', 'partial', 'unsupported', 'unknown'] as const)
        row.append(element('td', String(t.counts[k])));
      row.append(element('td', t.toolchain));
      table.append(row);
    }
  }

  function buildFindings(): void {
    const box = byId('findings');
    const groups = new Map<string, number[]>();
    data.findings.forEach((f, i) =>
      groups.set(`${f.target} ${f.ruleId}`, [...(groups.get(`${f.target} ${f.ruleId}`) ?? []), i]),
    );
    if (!groups.size) box.append(element('p', 'No findings.'));
    for (const [key, indices] of groups) {
      const first = data.findings[indices[0]!]!;
      const details = element('details', undefined, `group ${first.level}`);
      details.append(
        element('summary', `${first.level} ${key} ×${indices.length}${first.fix ? ` — fix: ${first.fix}` : ''}`),
      );
      for (const i of indices.slice(0, 200)) {
        const f = data.findings[i]!;
        const row = element('div', `${f.node || '(model)'} (${f.op || 'model'}): ${f.message}`, 'item');
        const nodeIndex = data.nodes.findIndex((n) => n.name === f.node);
        if (nodeIndex >= 0) row.addEventListener('click', () => select(nodeIndex, true));
        details.append(row);
      }
      const src = element('div', 'source: ', 'source');
      src.append(
        safeLink(
          first.source.url,
          first.source.section ? `${first.source.url} § ${first.source.section}` : first.source.url,
        ),
      );
      details.append(src);
      box.append(details);
    }
  }

  function wireControls(): void {
    const choose = byId<HTMLSelectElement>('target');
    data.targets.forEach((t, k) => {
      const option = element('option', `${t.id} (${t.verdict})`) as HTMLOptionElement;
      option.value = String(k);
      choose.append(option);
    });
    choose.value = String(target);
    choose.addEventListener('change', () => {
      target = Number(choose.value);
      draw();
    });
    let matches: number[] = [],
      at = 0;
    const search = byId<HTMLInputElement>('search');
    search.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      const q = search.value.toLowerCase();
      matches = q
        ? data.nodes.flatMap((n, i) => (n.name.toLowerCase().includes(q) || n.op.toLowerCase().includes(q) ? [i] : []))
        : [];
      byId('matches').textContent = matches.length ? `${(at % matches.length) + 1} / ${matches.length}` : 'no match';
      if (matches.length) select(matches[at++ % matches.length]!, true);
    });
    search.addEventListener('input', () => (at = 0));
    let drag: { x: number; y: number; moved: boolean } | null = null;
    canvas.addEventListener('mousedown', (e) => (drag = { x: e.clientX, y: e.clientY, moved: false }));
    window.addEventListener('mouseup', (e) => {
      if (drag && !drag.moved) pick(e);
      drag = null;
    });
    window.addEventListener('mousemove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x,
        dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      view.x -= dx / view.scale;
      view.y -= dy / view.scale;
      drag.x = e.clientX;
      drag.y = e.clientY;
      draw();
    });
    canvas.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const box = canvas.getBoundingClientRect();
        const wx = view.x + (e.clientX - box.left) / view.scale,
          wy = view.y + (e.clientY - box.top) / view.scale;
        view.scale = Math.min(4, Math.max(0.02, view.scale * Math.exp(-e.deltaY / 400)));
        view.x = wx - (e.clientX - box.left) / view.scale;
        view.y = wy - (e.clientY - box.top) / view.scale;
        draw();
      },
      { passive: false },
    );
    window.addEventListener('resize', () => {
      resize();
      draw();
    });
  }

  function pick(e: MouseEvent): void {
    const box = canvas.getBoundingClientRect();
    const wx = view.x + (e.clientX - box.left) / view.scale,
      wy = view.y + (e.clientY - box.top) / view.scale;
    const hit = data.nodes.findIndex((n) => Math.abs(wx - n.x) <= n.w / 2 && Math.abs(wy - n.y) <= 14);
    select(hit, false);
  }

  buildMatrix();
  buildFindings();
  wireControls();
  resize();
  fit();
  showDetail(-1);
  const drawn = draw();
  document.body.dataset.graphNodes = String(data.nodes.length);
  document.body.dataset.drawnNodes = String(drawn);
  document.body.dataset.renderMs = String(Math.round(performance.now()));
}
