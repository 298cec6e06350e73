// The calculators' page code: the form (generated at build time, usable before Python is
// ready), the worker that runs the rules, the results, the URL fragment and the print sheet.
// Text the reader types is only ever set as textContent, never parsed as HTML.

import { el, lang, startEngine } from "./engine.js";

const app = document.querySelector("[data-calculator]");

const TEXT = {
  zh: {
    ready: "计算引擎已就绪，输入后即时计算。",
    failed: "计算引擎无法加载，无法在本页计算。下方的奖补标准表仍然有效，也可使用命令行工具计算。原因：",
    total: "估算合计", upTo: "最高", fixed: "定额", computed: "按公式计算", howComputed: "计算过程",
    clause: "依据", departments: "咨询与受理部门", evidence: "需准备的材料", parameters: "所用参数",
    within: "事项发生日期在政策有效期内", outside: "事项发生日期不在政策有效期内：不能依据本政策获得奖补",
    wouldBe: "若在有效期内，估算金额为", noItems: "按所填信息，本政策下没有可估算的奖补金额。",
    warnings: "提示", guidance: "没有固定金额的支持事项", prepare: "申报准备",
    sharedTotal: "分享链接中的估算合计（引擎就绪后将重新计算）：", yuan: "元",
    sheetTitle: "奖补估算单", generated: "生成日期", inputs: "输入信息", items: "估算项目",
    floor: "出让底价不低于", unitFloor: "折合每平方米", fixErrors: "请先修正标出的输入项。",
  },
  en: {
    ready: "The calculation engine is ready; results update as you type.",
    failed: "The calculation engine could not load, so this page cannot compute. The award tables below still apply, and the command-line tool can compute. Reason: ",
    total: "Estimated total", upTo: "up to", fixed: "fixed amount", computed: "computed", howComputed: "How this was computed",
    clause: "Clause", departments: "Whom to ask", evidence: "What to prepare", parameters: "Parameters used",
    within: "The event date is within the policy's validity", outside: "The event date is outside the policy's validity: no award can be claimed under this policy",
    wouldBe: "Within the validity the estimate would be", noItems: "With the information given there is no amount to estimate under this policy.",
    warnings: "Notes", guidance: "Support without a fixed amount", prepare: "Preparing the application",
    sharedTotal: "Total in the shared link (recomputed once the engine is ready): ", yuan: "yuan",
    sheetTitle: "Award estimate", generated: "Generated on", inputs: "Inputs", items: "Items",
    floor: "The reserve price is at least", unitFloor: "per m²", fixErrors: "Correct the marked inputs first.",
  },
}[lang];

const form = app.querySelector("form");
const status = app.querySelector(".calc-status");
const output = app.querySelector(".calc-result");
const sheet = app.querySelector(".calc-print-sheet");
const summary = app.querySelector(".calc-summary");
const announcer = app.querySelector(".calc-announce");
const command = app.dataset.command;
const policyPage = app.dataset.policyPage;
const fields = [...form.querySelectorAll("[name]")];

// ------------------------------------------------------------------------------ helpers
const pick = (obj, key) => obj[`${key}_${lang}`];
// One formatter for the page: toLocaleString would build a new one for every amount shown.
const moneyFormat = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (text) => moneyFormat.format(Number(text));
// Every cited clause links to its anchor on the policy page (the anchor is the clause id).
const clauseLink = (id, label) => el("a", { href: `${policyPage}#${id}`, "data-clause": id }, label || id);

// ------------------------------------------------------------------------------ the form
function readForm() {
  const data = {};
  for (const input of fields) {
    if (input.type === "checkbox") {
      if (input.checked) data[input.name] = true;
      continue;
    }
    // A select left at the rules' own default says nothing the rules would not assume.
    if (input.tagName === "SELECT" && input.selectedOptions[0]?.defaultSelected) continue;
    let value = input.value.trim();
    if (value === "") continue;
    // Thousands separators are how people write money; the rules take plain digits.
    if (input.dataset.kind === "money" || input.dataset.kind === "area") value = value.replace(/[,，\s]/g, "");
    data[input.name] = value;
  }
  return data;
}

function toJson(data) {
  const out = {};
  for (const input of fields) {
    const value = data[input.name];
    if (value === undefined) continue;
    const kind = input.dataset.kind;
    out[input.name] = (kind === "count" || kind === "rank" || kind === "grade") && /^\d+$/.test(value) ? Number(value) : value;
  }
  return JSON.stringify(out);
}

// The share link follows the inputs once the reader pauses, not with every key: on a result
// page each history.replaceState held the page for about 4.5 ms (docs/performance.md).
const FRAGMENT_DELAY_MS = 250;
let fragmentTimer = null;
function writeFragment(data, total) {
  const params = new URLSearchParams(data);
  if (total !== undefined) params.set("_total", total);
  clearTimeout(fragmentTimer);
  fragmentTimer = setTimeout(() => history.replaceState(null, "", `#${params}`), FRAGMENT_DELAY_MS);
}

function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const input of fields) {
    if (!params.has(input.name)) continue;
    if (input.type === "checkbox") input.checked = params.get(input.name) === "true";
    else input.value = params.get(input.name);
  }
  return params.get("_total");
}

function showErrors(errors) {
  for (const input of fields) {
    input.removeAttribute("aria-invalid");
    form.querySelector(`#e-${input.name}`).textContent = "";
  }
  const general = [];
  for (const error of errors) {
    const slot = form.querySelector(`#e-${CSS.escape(error.field)}`);
    const message = pick(error, "message");
    if (slot) {
      slot.textContent = message;
      form.querySelector(`[name="${CSS.escape(error.field)}"]`).setAttribute("aria-invalid", "true");
    } else {
      general.push(message);
    }
  }
  return general;
}

// ------------------------------------------------------------------------------ results
function renderItem(item) {
  const basis = { up_to: TEXT.upTo, fixed: TEXT.fixed, computed: TEXT.computed }[item.basis];
  return el("li", { class: `calc-item calc-${item.basis}`, "data-clause": item.clause },
    el("div", { class: "calc-item-head" },
      el("span", { class: "calc-item-title" }, pick(item, "title")),
      el("span", { class: "calc-item-amount" }, item.basis === "up_to" ? `${TEXT.upTo} ` : "", money(item.amount), " ", TEXT.yuan),
    ),
    el("p", { class: "calc-item-meta" }, `${TEXT.clause}: `, clauseLink(item.clause, pick(item, "clause_label")), ` · ${basis}`),
    el("details", { class: "calc-how" },
      el("summary", {}, TEXT.howComputed),
      el("p", {}, pick(item, "explanation")),
      el("p", {}, `${TEXT.parameters}: ${item.parameters.join(", ")}`),
      el("p", {}, `${TEXT.departments}: ${item.departments.map((d) => d[lang]).join("、")}`),
    ),
  );
}

function renderPrepare(items) {
  const evidence = [...new Set(items.flatMap((i) => i[`evidence_${lang}`]))];
  const units = [...new Set(items.flatMap((i) => i.departments.map((d) => d[lang])))];
  if (!items.length) return null;
  return el("section", { class: "calc-prepare" },
    el("h3", {}, TEXT.prepare),
    el("p", {}, el("strong", {}, TEXT.evidence)), el("ul", {}, evidence.map((e) => el("li", {}, e))),
    el("p", {}, el("strong", {}, TEXT.departments)), el("ul", {}, units.map((u) => el("li", {}, u))),
  );
}

function renderGuidance(entries) {
  const wanted = app.dataset.clauses ? app.dataset.clauses.split(" ") : null;
  const shown = entries.filter((g) => !wanted || wanted.includes(g.clause) || g.clause === "policy-closing");
  return el("details", { class: "calc-guidance" },
    el("summary", {}, `${TEXT.guidance} (${shown.length})`),
    el("ul", {}, shown.map((g) => el("li", {},
      el("strong", {}, pick(g, "topic")), " (", clauseLink(g.clause), ") ", pick(g, "applies"),
      g.departments.length ? el("span", { class: "calc-units" }, ` ${TEXT.departments}: ${g.departments.map((d) => d[lang]).join("、")}`) : null,
    ))),
  );
}

function renderEstimate(result) {
  const items = result.items;
  const nodes = [
    el("p", { class: `calc-validity ${result.within_validity ? "is-valid" : "is-invalid"}` },
      result.within_validity ? TEXT.within : TEXT.outside,
      result.if_within_validity ? `. ${TEXT.wouldBe} ${money(result.if_within_validity.total)} ${TEXT.yuan}` : ""),
    el("p", { class: "calc-total" }, `${TEXT.total}: `, el("strong", {}, money(result.total), " ", TEXT.yuan)),
    items.length ? el("ol", { class: "calc-items" }, items.map(renderItem)) : el("p", {}, TEXT.noItems),
  ];
  if (result.warnings.length) {
    nodes.push(el("section", { class: "calc-warnings" }, el("h3", {}, TEXT.warnings),
      el("ul", {}, result.warnings.map((w) => el("li", {}, pick(w, "message"), w.clause ? [" (", clauseLink(w.clause), ")"] : [])))));
  }
  nodes.push(renderPrepare(items), renderGuidance(result.guidance));
  return nodes;
}

function renderLand(result) {
  return [
    el("p", { class: "calc-total" }, `${TEXT.floor} `, el("strong", {}, money(result.floor_price), " ", TEXT.yuan),
      ` (${TEXT.unitFloor} ${money(result.floor_unit_price)} ${TEXT.yuan})`),
    el("p", {}, pick(result, "explanation")),
    el("p", { class: "calc-item-meta" }, `${TEXT.clause}: `, clauseLink(result.clause), ` · ${result.reference}`),
    el("p", {}, `${TEXT.departments}: ${result.departments.map((d) => d[lang]).join("、")}`),
  ];
}

function renderSheet(data, result) {
  const labels = Object.fromEntries(fields.map((f) => [f.name, form.querySelector(`label[for="${f.id}"]`).dataset.label]));
  const shown = (name, value) => {
    const input = form.querySelector(`[name="${name}"]`);
    if (input.tagName === "SELECT") return input.selectedOptions[0].textContent;
    return input.type === "checkbox" ? "✓" : value;
  };
  const rows = Object.entries(data).map(([k, v]) => el("tr", {}, el("th", {}, labels[k]), el("td", {}, shown(k, v))));
  const lines = command === "land"
    ? [el("tr", {}, el("td", {}, "policy-13"), el("td", {}, TEXT.floor), el("td", {}, money(result.floor_price)))]
    : result.items.map((i) => el("tr", {}, el("td", {}, pick(i, "clause_label"), ` (${i.clause})`), el("td", {}, pick(i, "title"), i.basis === "up_to" ? ` (${TEXT.upTo})` : ""), el("td", {}, money(i.amount))));
  sheet.replaceChildren(
    el("h2", {}, TEXT.sheetTitle),
    el("p", {}, `${TEXT.generated}: ${new Date().toISOString().slice(0, 10)}`, command === "land" ? "" : ` · ${result.within_validity ? TEXT.within : TEXT.outside}`),
    el("h3", {}, TEXT.inputs), el("table", {}, el("tbody", {}, rows)),
    el("h3", {}, TEXT.items), el("table", {}, el("tbody", {}, lines,
      command === "land" ? [] : [el("tr", {}, el("td", {}), el("th", {}, TEXT.total), el("th", {}, money(result.total)))])),
    el("p", { class: "calc-disclaimer" }, app.querySelector(".calc-disclaimer-text").textContent),
  );
}

// ------------------------------------------------------------------------------ the engine
const engine = startEngine(app, status, TEXT);

async function runRaw(which, text) {
  if (which !== "estimate" && which !== "land") throw new Error(`unknown command: ${which}`);
  return engine.request({ type: "run", command: which, text });
}

// ------------------------------------------------------------------------------ wiring
// The live region speaks only when its text changes: a key that leaves the total as it was
// says nothing.
function announce(text) {
  if (announcer.textContent !== text) announcer.textContent = text;
}

const FIRST_RESULT = "xinzhou-first-result";
let latest = 0;
// The inputs whose result is on screen. Leaving a text field sends a change event after its
// input events: the same inputs again, whose re-rendered result would take the focus away from
// the link or button the reader has just moved to in it.
let shown = null;
async function update() {
  const data = readForm();
  const ticket = ++latest;
  const inputs = toJson(data);
  if (inputs === shown) return;
  if (!Object.keys(data).length) {
    shown = inputs;
    // Nothing typed yet: no "required" errors for an untouched form.
    showErrors([]);
    output.replaceChildren();
    summary.hidden = true;
    announce("");
    return;
  }
  const { status: code, text } = await runRaw(command, inputs);
  if (ticket !== latest) return; // a newer input is on its way
  shown = inputs;
  const result = JSON.parse(text);
  if (code !== 0) {
    const general = showErrors(result.errors);
    summary.hidden = true;
    sheet.replaceChildren();
    output.replaceChildren(el("p", { class: "calc-error-summary" }, TEXT.fixErrors, ...general.map((g) => ` ${g}`)));
    announce([TEXT.fixErrors, ...result.errors.map((e) => pick(e, "message"))].join(" "));
    writeFragment(data);
    return;
  }
  showErrors([]);
  output.replaceChildren(...(command === "land" ? renderLand(result) : renderEstimate(result)).filter(Boolean));
  summary.hidden = false;
  summary.querySelector("span").textContent = command === "land"
    ? `${TEXT.floor} ${money(result.floor_price)} ${TEXT.yuan}`
    : `${TEXT.total}: ${money(result.total)} ${TEXT.yuan}`;
  announce(summary.querySelector("span").textContent);
  renderSheet(data, result);
  writeFragment(data, command === "land" ? result.floor_price : result.total);
  // For measurements in any browser (scripts/bench_calculators.py): the first result shown.
  if (!performance.getEntriesByName(FIRST_RESULT).length) performance.mark(FIRST_RESULT);
}

const sharedTotal = readFragment();
if (sharedTotal) output.replaceChildren(el("p", { class: "calc-shared" }, TEXT.sharedTotal, money(sharedTotal), ` ${TEXT.yuan}`));
form.addEventListener("input", () => { update().catch(() => {}); });
form.addEventListener("change", () => { update().catch(() => {}); });
form.addEventListener("submit", (event) => { event.preventDefault(); update().catch(() => {}); });
form.addEventListener("reset", () => setTimeout(() => { clearTimeout(fragmentTimer); history.replaceState(null, "", location.pathname); update().catch(() => {}); }));
app.querySelector("[data-action=print]").addEventListener("click", () => window.print());
summary.querySelector("button").addEventListener("click", () => output.scrollIntoView({ behavior: "smooth" }));
engine.ready.then(update).catch(() => {});

window.policyCalculator = {
  // The current engine's start-up: a page the reader comes back to may start a new one.
  get ready() { return engine.ready; },
  run: runRaw,
  estimate: async (profile) => JSON.parse((await runRaw("estimate", JSON.stringify(profile))).text),
  land: async (input) => JSON.parse((await runRaw("land", JSON.stringify(input))).text),
};
