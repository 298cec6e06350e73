// Small accessible SVG charts, with no library (a chart library would add tens of KB and still
// need its own table and summary to be accessible). The charts only draw: every value is a
// decimal string computed by the Python rules; a Number is used only for a position on screen.
//   lineChart(host, {title, xLabel, unit, xs, series, marks, current, summary, format, lang})
//   barChart(host, {title, unit, rows: [{label, value, href?}], lang})
// Each draws an <svg role="img"> named by its title and described by a text summary, and a
// table alternative of the same values (with the links); text sizes follow the page's font
// size, colours follow currentColor and the page's CSS variables (dark scheme, high contrast).
// The chart is drawn again at its box's width, so that its text stays readable on a phone.

const SVG = "http://www.w3.org/2000/svg";
const TEXT = {
  zh: { words: "图表的文字说明", table: "图表数据表", value: "金额（元）", yours: "您的数值" },
  en: { words: "The chart in words", table: "The chart's data as a table", value: "Amount (yuan)", yours: "your figure" },
};

function node(tag, attrs = {}, ...children) {
  const n = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) n.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) n.append(c instanceof Node ? c : String(c));
  return n;
}

let counter = 0;
const uid = (prefix) => `${prefix}-${++counter}`;

// Round tick values for an axis from 0 (or low) to high: about `count` of them.
function ticks(low, high, count) {
  if (!(high > low)) return [low];
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) out.push(v);
  return out;
}

// Short axis numbers: 2,000,000,000 -> "20亿" / "2bn".
function short(v, lang) {
  const abs = Math.abs(v);
  if (lang === "zh") {
    if (abs >= 1e8) return `${+(v / 1e8).toPrecision(3)}亿`;
    if (abs >= 1e4) return `${+(v / 1e4).toPrecision(3)}万`;
  } else {
    if (abs >= 1e9) return `${+(v / 1e9).toPrecision(3)}bn`;
    if (abs >= 1e6) return `${+(v / 1e6).toPrecision(3)}m`;
    if (abs >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  }
  return String(+v.toPrecision(3));
}

// A label cut to the room it has, with "…": a Chinese character takes about 1em, most others
// about 0.55em (a count of characters would let a Chinese label run off the chart's left edge).
function fit(text, room, em) {
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    used += /[\u2e80-\u9fff\uff00-\uffef]/.test(text[i]) ? em : em * 0.55;
    if (used > room) return `${text.slice(0, Math.max(1, i - 1))}…`;
  }
  return text;
}

// Redraw at the box's width whenever it changes (a phone turned, a larger text size).
function responsive(host, draw) {
  let width = 0;
  const redraw = () => {
    const w = Math.max(240, Math.floor(host.clientWidth));
    if (w === width) return;
    width = w;
    draw(w, parseFloat(getComputedStyle(host).fontSize) || 16);
  };
  if (typeof ResizeObserver === "function") {
    host.chartObserver?.disconnect();
    // Drawn in the next frame, not in the observer's callback: a drawing changes the box's
    // height, which WebKit reports as "ResizeObserver loop completed with undelivered
    // notifications" (a console error) when it happens during the callback.
    let pending = 0;
    host.chartObserver = new ResizeObserver(() => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(redraw);
    });
    host.chartObserver.observe(host);
  }
  redraw();
}

function table(caption, head, rows) {
  return node("details", { class: "chart-table" }, node("summary", {}, caption),
    node("div", { class: "chart-table-scroll", tabindex: "0", role: "region", "aria-label": caption },
      node("table", {}, node("caption", {}, caption),
        node("thead", {}, node("tr", {}, head.map((h) => node("th", { scope: "col" }, h)))),
        node("tbody", {}, rows.map((r) => node("tr", {}, r.map((c, i) => node(i ? "td" : "th", i ? {} : { scope: "row" }, c))))))));
}

// A line (and step) chart of several series against one input. xs: the input's values
// (strings); series: [{label, values: [strings]}], the first drawn boldest (the total); marks:
// the breakpoints [{x, at, other, label, href, side: "right" | "left" | null}] (at: the value
// the breakpoint itself takes, other: the value on its other side); current: {x, label}.
export function lineChart(host, spec) {
  const { title, xLabel, xs, series, marks = [], current, summary, format, lang } = spec;
  const t = TEXT[lang];
  const svgBox = node("div", { class: "chart-svg" });
  const titleId = uid("chart-title");
  const descId = uid("chart-desc");
  const x = xs.map(Number);
  const ys = series.map((s) => s.values.map(Number));
  const xMax = Math.max(...x);
  const xMin = Math.min(...x);
  const yMax = Math.max(1, ...ys.flat());
  host.replaceChildren(
    node("p", { class: "chart-title", id: titleId }, title, node("br"), node("span", { class: "chart-unit" }, t.value)),
    svgBox,
    node("ul", { class: "chart-legend" }, series.map((s, i) => node("li", { class: `chart-s${i % 6}` },
      node("span", { class: "chart-swatch", "aria-hidden": "true" }), s.label))),
    // The svg's description (aria-describedby reads it even while the details are closed).
    node("details", { class: "chart-words" }, node("summary", {}, t.words), node("p", { class: "chart-summary", id: descId }, summary)),
    table(t.table, [xLabel, ...series.map((s) => s.label)],
      xs.map((xv, i) => [format.x(xv), ...series.map((s) => format.y(s.values[i]))])),
  );
  responsive(svgBox, (width, em) => {
    const height = Math.round(Math.min(360, Math.max(220, width * 0.55)));
    const pad = { left: em * 4, right: em * 1, top: em * 1.6, bottom: em * 3.2 };
    const px = (v) => pad.left + ((v - xMin) / (xMax - xMin || 1)) * (width - pad.left - pad.right);
    const py = (v) => height - pad.bottom - (v / yMax) * (height - pad.top - pad.bottom);
    const svg = node("svg:svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
      "aria-labelledby": titleId, "aria-describedby": descId, class: "chart" });
    const grid = node("svg:g", { class: "chart-grid" });
    for (const v of ticks(0, yMax, Math.max(2, Math.floor(height / (em * 3))))) {
      grid.append(node("svg:line", { x1: pad.left, x2: width - pad.right, y1: py(v), y2: py(v) }),
        node("svg:text", { x: pad.left - em * 0.3, y: py(v), "text-anchor": "end", "dominant-baseline": "middle" }, short(v, lang)));
    }
    // The x axis's numbers, the last one ending at the edge rather than running past it.
    for (const v of ticks(xMin, xMax, Math.max(2, Math.floor(width / (em * 6))))) {
      const anchor = px(v) > width - pad.right - em * 1.5 ? "end" : "middle";
      grid.append(node("svg:text", { x: px(v), y: height - pad.bottom + em * 1.2, "text-anchor": anchor }, short(v, lang)));
    }
    grid.append(node("svg:text", { x: width - pad.right, y: height - em * 0.3, "text-anchor": "end", class: "chart-axis-label" }, xLabel));
    svg.append(grid);
    ys.forEach((values, i) => svg.append(node("svg:polyline", { class: `chart-line chart-s${i % 6}`,
      points: values.map((v, j) => `${px(x[j]).toFixed(1)},${py(v).toFixed(1)}`).join(" ") })));
    for (const m of marks) {
      const mx = px(Number(m.x));
      // A threshold: a filled dot at the value the threshold itself takes, a hollow one at the
      // value on its other side (an included threshold has the higher value AT it).
      svg.append(node("svg:line", { class: "chart-mark", x1: mx, x2: mx, y1: pad.top, y2: height - pad.bottom }));
      if (m.side) svg.append(node("svg:circle", { class: "chart-open", cx: mx, cy: py(Number(m.other)), r: em * 0.3 }));
      svg.append(node("svg:circle", { class: "chart-dot", cx: mx, cy: py(Number(m.at)), r: em * 0.3 }));
    }
    if (current) {
      const cx = px(Number(current.x));
      svg.append(node("svg:line", { class: "chart-current", x1: cx, x2: cx, y1: pad.top, y2: height - pad.bottom }),
        node("svg:text", { class: "chart-current-label", x: cx, y: pad.top - em * 0.3,
          "text-anchor": cx > width / 2 ? "end" : "start" }, current.label || t.yours));
    }
    svgBox.replaceChildren(svg);
  });
}

// A horizontal bar chart: one bar per row, its value written beside it. rows: [{label, value
// (a decimal string), href?}]; unit: what the values count (for the table's header).
export function barChart(host, { title, unit, rows, lang }) {
  const t = TEXT[lang];
  const titleId = uid("chart-title");
  const values = rows.map((r) => Number(r.value));
  const most = Math.max(1, ...values);
  const format = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-GB", { maximumFractionDigits: 2 });
  const label = (r) => (r.href ? node("a", { href: r.href }, r.label) : r.label);
  const svgBox = node("div", { class: "chart-svg" });
  host.replaceChildren(node("p", { class: "chart-title", id: titleId }, title), svgBox,
    table(t.table, ["", unit], rows.map((r) => [label(r), format.format(Number(r.value))])));
  responsive(svgBox, (width, em) => {
    const bar = em * 1.4;
    const gap = em * 0.6;
    const labelW = Math.min(width * 0.4, em * 12);
    const valueW = em * 7;
    const height = rows.length * (bar + gap) + gap;
    const svg = node("svg:svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
      "aria-labelledby": titleId, class: "chart" });
    rows.forEach((r, i) => {
      const y = gap + i * (bar + gap);
      const w = Math.max(1, (values[i] / most) * (width - labelW - valueW));
      svg.append(node("svg:text", { x: labelW - em * 0.3, y: y + bar / 2, "text-anchor": "end", "dominant-baseline": "middle" },
        fit(r.label, labelW - em * 0.6, em)),
      node("svg:rect", { class: "chart-bar", x: labelW, y, width: w, height: bar }),
      node("svg:text", { x: labelW + w + em * 0.3, y: y + bar / 2, "dominant-baseline": "middle" }, format.format(values[i])));
    });
    svgBox.replaceChildren(svg);
  });
}
