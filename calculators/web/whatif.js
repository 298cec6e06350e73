// The what-if chart and the next-threshold sentences (issue 24): the reader picks one number of
// the form (those the build marks data-sweep: xinzhou_policy/sweep.py's SWEEPABLE fields), and
// the worker's `sweep` command computes every point, breakpoint and sentence with the rules;
// this module only shows them (chart.js draws).

import { el, lang } from "./engine.js";
import { lineChart } from "./chart.js";

const TEXT = {
  zh: {
    heading: "如果……？金额随一项输入的变化", pick: "变动的输入项", total: "合计",
    threshold: "门槛", kink: "增长幅度改变", included: "门槛本身计入（图中实心点）", excluded: "门槛本身不计入，须高于门槛（图中空心点）",
    marks: "图中的门槛和转折点", readings: "所依据的理解", yours: "您填写的数值", yuan: "元", next: "再进一步",
    failed: "未能计算推演图。",
  },
  en: {
    heading: "What if? The amounts against one input", pick: "Input to vary", total: "total",
    threshold: "threshold", kink: "the rate of change turns", included: "the threshold itself counts (filled dot)",
    excluded: "the threshold itself does not count: it must be exceeded (hollow dot)",
    marks: "Thresholds and turns in the chart", readings: "Readings it rests on", yours: "your figure", yuan: "yuan",
    next: "One step further", failed: "The what-if chart could not be computed.",
  },
}[lang];

const pick = (obj, key) => obj[`${key}_${lang}`];
const moneyFormat = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

// section: the what-if's box; request: the engine's (engine.js); links: {clause(cited), readings(list)}.
export function whatIf({ section, form, request, applies, links }) {
  let chosen = null;
  let ticket = 0;
  const select = el("select", { id: "whatif-field", class: "calc-whatif-field" });
  const body = el("div", { class: "calc-whatif-body" });
  section.replaceChildren(el("h3", {}, TEXT.heading),
    el("p", {}, el("label", { for: "whatif-field" }, TEXT.pick), " ", select), body);
  select.addEventListener("change", () => { chosen = select.value; last && show(last.inputs, last.nextBox); });
  let last = null;

  const sweepable = () => [...form.querySelectorAll("[data-sweep]")].filter(applies);
  const labelOf = (input) => form.querySelector(`label[for="${input.id}"]`).dataset.label;

  function options(profile) {
    const inputs = sweepable();
    if (!inputs.some((i) => i.name === chosen)) {
      chosen = (inputs.find((i) => i.name in profile) || inputs[0])?.name ?? null;
    }
    select.replaceChildren(...inputs.map((i) => el("option", { value: i.name }, labelOf(i))));
    if (chosen) select.value = chosen;
  }

  // The sentences also go into the what-if box, which the print sheet shows (the result is not printed).
  const printed = el("div", { class: "calc-whatif-print" });
  section.append(printed);
  function renderNext(nextBox, sentences) {
    printed.replaceChildren(...sentences.map((s) => el("p", {}, pick(s, "message"))));
    nextBox.replaceChildren(...sentences.map((s) => el("p", { class: "calc-next", "data-field": s.field, "data-x": s.x },
      pick(s, "message"), " ", links.clause(s), s.readings.length ? [` · ${TEXT.readings}: `, ...links.readings(s.readings)] : [])));
  }

  function renderSweep(s) {
    const money = s.kind === "money";
    const xFormat = (x) => (money ? moneyFormat.format(Number(x)) : x);
    const label = (series) => (series.id === "total" ? pick(series, "title")
      : `${pick(series, "title")}${series.recipient === "enterprise" ? "" : ` (${pick(series, "recipient")})`}`);
    // Each breakpoint's dots go on the total's line where the total moves there, else on the
    // first item that does (an amount paid to someone else).
    const marks = s.breakpoints.map((b) => {
      const k = b.before[0] !== b.after[0] || b.before[0] !== b.at[0] ? 0 : (b.series[0] ?? 0);
      return { x: b.x, at: b.at[k], other: b.side === "left" ? b.after[k] : b.before[k], side: b.side };
    });
    const chart = el("div", { class: "chart-host" });
    const list = el("ul", { class: "calc-whatif-marks" }, s.breakpoints.map((b) => el("li", { "data-x": b.x, "data-side": b.side ?? "" },
      `${xFormat(b.x)}${s.unit_zh && lang === "zh" ? ` ${s.unit_zh}` : s.unit_en && lang === "en" ? ` ${s.unit_en}` : ""}: `,
      b.kind === "kink" ? TEXT.kink : `${TEXT.threshold} (${b.side === "left" ? TEXT.excluded : TEXT.included})`,
      " · ", links.clause(b),
      b.readings.length ? [` · ${TEXT.readings}: `, ...links.readings(b.readings)] : [])));
    body.replaceChildren(...(s.within_validity ? [] : [el("p", { class: "calc-whatif-note" }, pick(s, "note"))]), chart,
      s.breakpoints.length ? el("p", {}, el("strong", {}, TEXT.marks)) : null, s.breakpoints.length ? list : null);
    lineChart(chart, {
      title: `${pick(s, "label")} → ${pick(s.series[0], "title")}`, xLabel: pick(s, "label"), lang,
      xs: s.points.map((p) => p.x), series: s.series.map((series, i) => ({ label: label(series), values: s.points.map((p) => p.values[i]) })),
      marks, current: { x: s.current.x, label: TEXT.yours }, summary: pick(s, "summary"),
      format: { x: xFormat, y: (v) => moneyFormat.format(Number(v)) },
    });
  }

  async function show(inputs, nextBox) {
    last = { inputs, nextBox };
    const profile = JSON.parse(inputs);
    options(profile);
    section.hidden = !chosen;
    const mine = ++ticket;
    // data-ready: the latest inputs' sweep is shown (tests wait for it).
    delete section.dataset.ready;
    let answer;
    try {
      answer = await request({ type: "run", command: "sweep", text: JSON.stringify({ profile, field: chosen }) });
    } catch (error) {
      if (mine === ticket) body.replaceChildren(el("p", { class: "calc-failure" }, TEXT.failed));
      return;
    }
    // A newer input has its own sweep on the way (the worker drops a stale one it has not begun).
    if (mine !== ticket || answer.cancelled || answer.status !== 0) return;
    const result = JSON.parse(answer.text);
    renderNext(nextBox, result.next_thresholds);
    if (result.sweep) renderSweep(result.sweep);
    section.dataset.field = chosen ?? "";
    section.dataset.ready = String(mine);
  }

  return { show, clear() { ticket++; last = null; delete section.dataset.ready; section.hidden = true; body.replaceChildren(); } };
}
