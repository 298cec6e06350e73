// The calculators' page code: the form (generated at build time, usable before Python is
// ready), the worker that runs the rules, the results, the URL fragment and the print sheet.
// Text the reader types is only ever set as textContent, never parsed as HTML.

import { el, lang, startEngine } from "./engine.js";
import { foldHelp } from "./field-help.js";
import { situationPicker } from "./picker.js";
import { whatIf } from "./whatif.js";

const app = document.querySelector("[data-calculator]");

const TEXT = {
  zh: {
    ready: "计算引擎已就绪，输入后即时计算。",
    meanwhile: "加载期间即可填写，计算引擎就绪后立即计算。",
    failed: "计算引擎无法加载，无法在本页计算。下方链接的奖补标准表仍然有效，也可使用命令行工具计算。原因：",
    upTo: "最高", fixed: "定额", computed: "按公式计算", howComputed: "计算过程",
    clause: "依据", departments: "咨询与受理部门", evidence: "需准备的材料", parameters: "所用参数",
    wouldBe: "若在有效期内，企业本身可得的估算金额为", noItems: "按所填信息，没有可估算的奖补金额。",
    warnings: "提示", guidance: "没有固定金额的支持事项", prepare: "申报准备",
    fromLink: "正在按分享链接中的输入计算…",
    linkDiffers: "分享链接中记录的合计与本页按规则计算的结果不同（文件或其版本可能已更新，或链接被改动过）。以本页计算结果为准。",
    computeFailed: "未能计算，因此不显示结果。修改任一输入可重试，或刷新页面。原因：",
    engineDown: "计算引擎无法加载（见上方说明）。", engineError: "计算引擎出错。", yuan: "元",
    sheetTitle: "奖补估算单", generated: "生成日期", inputs: "输入信息", items: "估算项目",
    floor: "出让底价不低于", unitFloor: "折合每平方米", fixErrors: "请先修正标出的输入项。",
    readings: "所依据的理解", enterpriseTotal: "企业本身可得的估算合计",
    others: "不直接支付给企业的奖补", othersNote: "以下项目按条文给予其他主体（培训主体，专业镇或园区（基地）运营主体，地区或申报的协会），不计入企业本身可得的合计；谁领取见各项说明和所依据的理解。",
    othersTotal: "以上项目小计", allTotal: "全部项目合计", recipient: "领取者",
  },
  en: {
    ready: "The calculation engine is ready; results update as you type.",
    meanwhile: "You can fill in the form meanwhile: it is computed as soon as the engine is ready.",
    failed: "The calculation engine could not load, so this page cannot compute. The award tables linked below still apply, and the command-line tool can compute. Reason: ",
    upTo: "up to", fixed: "fixed amount", computed: "computed", howComputed: "How this was computed",
    clause: "Clause", departments: "Whom to ask", evidence: "What to prepare", parameters: "Parameters used",
    wouldBe: "Within the validity the enterprise's own estimate would be", noItems: "With the information given there is no amount to estimate.",
    warnings: "Notes", guidance: "Support without a fixed amount", prepare: "Preparing the application",
    fromLink: "Computing from the inputs in the shared link…",
    linkDiffers: "The total recorded in the shared link differs from what the rules compute on this page (the document or its version may have changed, or the link was altered). The result computed here is the one that counts.",
    computeFailed: "The calculation failed, so no result is shown. Change any input to try again, or reload the page. Reason: ",
    engineDown: "the calculation engine could not load (see the note above).", engineError: "the calculation engine failed.", yuan: "yuan",
    sheetTitle: "Award estimate", generated: "Generated on", inputs: "Inputs", items: "Items",
    floor: "The reserve price is at least", unitFloor: "per m²", fixErrors: "Correct the marked inputs first.",
    readings: "Readings it rests on", enterpriseTotal: "Estimated total for the enterprise itself",
    others: "Amounts not paid to the enterprise itself", othersNote: "The text gives these to others (the body conducting the training; the specialized town, or its park or base operator; the region, or the applying association); they are not in the enterprise's own total. Who receives each: its explanation and the readings it rests on.",
    othersTotal: "Subtotal of these", allTotal: "Total of every item", recipient: "Received by",
  },
}[lang];

const form = app.querySelector("form");
const status = app.querySelector(".calc-status");
const output = app.querySelector(".calc-result");
const sheet = app.querySelector(".calc-print-sheet");
const summary = app.querySelector(".calc-summary");
const announcer = app.querySelector(".calc-announce");
const command = app.dataset.command;
// Each document's page, by the document's id (the registry's; a clause id starts with it).
const documentPages = JSON.parse(app.dataset.documentPages);
const readingsPage = app.dataset.readingsPage;
const fields = [...form.querySelectorAll("[name]")];
// Which groups of fields are shown, and so computed (picker.js).
const picker = situationPicker(form);
foldHelp(form);

// ------------------------------------------------------------------------------ helpers
const pick = (obj, key) => obj[`${key}_${lang}`];
// One formatter for the page: toLocaleString would build a new one for every amount shown.
const moneyFormat = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (text) => moneyFormat.format(Number(text));
// Every cited clause links to its anchor on its document's page (the anchor is the clause id),
// named by its label: `cited` is what the rules return with a clause (an item, a warning, ...).
const documentOf = (id) => Object.keys(documentPages).filter((d) => id.startsWith(`${d}-`))
  .sort((a, b) => b.length - a.length)[0];
const clauseLink = (cited) => el("a", { href: `${documentPages[documentOf(cited.clause)]}#${cited.clause}`,
  "data-clause": cited.clause }, pick(cited, "clause_label"));
// The parameters an item used, by their descriptions, each linked to its rows in the clause's
// award table (scripts/hooks/award_tables.py names them param-DOCUMENT-KEY).
const parameterLinks = (item) => el("ul", {}, item.parameter_descriptions.map((p) => el("li", {},
  el("a", { href: `${documentPages[item.document]}#param-${item.document}-${p.key}` }, p[lang]))));
// The readings an item or a warning rests on, each linked to its entry on the readings page.
const readingLinks = (readings) => readings.flatMap((r, i) => [i ? (lang === "zh" ? "、" : ", ") : "",
  el("a", { href: `${readingsPage}#${r.id}`, "data-reading": r.id }, pick(r, "title"))]);
const forEnterprise = (item) => item.recipient === "enterprise";
// The sum of amounts ("123.45" each) in whole fen, never in binary floating point.
function sumMoney(items) {
  const fen = items.reduce((sum, i) => {
    const [yuan, cents = ""] = i.amount.split(".");
    return sum + BigInt(yuan) * 100n + BigInt((cents + "00").slice(0, 2));
  }, 0n);
  return `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
}

// ------------------------------------------------------------------------------ the form
function readForm() {
  const data = {};
  for (const input of fields) {
    if (!picker.applies(input)) continue;
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
  clearTimeout(fragmentTimer);
  fragmentTimer = setTimeout(() => {
    const params = new URLSearchParams(data);
    picker.write(params); // the situations ticked when it is written
    if (total !== undefined) params.set("_total", total);
    history.replaceState(null, "", `#${params}`);
  }, FRAGMENT_DELAY_MS);
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
    el("p", { class: "calc-item-meta" }, `${TEXT.clause}: `, clauseLink(item), ` · ${basis}`,
      forEnterprise(item) ? "" : ` · ${TEXT.recipient}: ${pick(item, "recipient")}`),
    item.readings.length ? el("p", { class: "calc-item-readings" }, `${TEXT.readings}: `, readingLinks(item.readings)) : null,
    el("details", { class: "calc-how" },
      el("summary", {}, TEXT.howComputed),
      el("p", {}, pick(item, "explanation")),
      el("p", {}, `${TEXT.parameters}:`), parameterLinks(item),
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
  // A focused calculator shows its clauses' guidance, and what applies to every clause.
  const shown = entries.filter((g) => !wanted || wanted.includes(g.clause) || g.whole_document);
  return el("details", { class: "calc-guidance" },
    el("summary", {}, `${TEXT.guidance} (${shown.length})`),
    el("ul", {}, shown.map((g) => el("li", {},
      el("strong", {}, pick(g, "topic")), " (", clauseLink(g), ") ", pick(g, "applies"),
      g.departments.length ? el("span", { class: "calc-units" }, ` ${TEXT.departments}: ${g.departments.map((d) => d[lang]).join("、")}`) : null,
    ))),
  );
}

// Each document with awards on the event date: applied, or not and why, and what it would have
// given the enterprise itself, as the headline counts (the result's `documents`; a document
// without awards has neither total).
const awardDocuments = (result) => result.documents.filter((d) => "total" in d || "would_have_been" in d);
function validityText(d, result) {
  const text = (lang === "zh" ? `《${d.title_zh}》${d.version_number && `（${d.version_number}）`}：` : `${d.title_en}${d.version_number && ` (${d.version_number})`}: `) + pick(d, "reason");
  if (!("would_have_been" in d)) return text;
  const own = sumMoney(result.if_within_validity.items.filter((i) => i.document === d.id && forEnterprise(i)));
  return `${text}${lang === "zh" ? "" : " "}${TEXT.wouldBe} ${money(own)} ${TEXT.yuan}${lang === "zh" ? "。" : "."}`;
}

function renderEstimate(result) {
  const items = result.items.filter(forEnterprise);
  const others = result.items.filter((i) => !forEnterprise(i));
  const nodes = [
    ...awardDocuments(result).map((d) => el("p",
      { class: `calc-validity ${d.applied ? "is-valid" : "is-invalid"}`, "data-document": d.id }, validityText(d, result))),
    el("p", { class: "calc-total" }, `${TEXT.enterpriseTotal}: `, el("strong", {}, money(result.totals_by_recipient.enterprise), " ", TEXT.yuan)),
    items.length ? el("ol", { class: "calc-items" }, items.map(renderItem)) : el("p", {}, TEXT.noItems),
  ];
  if (others.length) {
    const subtotal = sumMoney(others);
    nodes.push(el("section", { class: "calc-others" },
      el("h3", {}, TEXT.others), el("p", {}, TEXT.othersNote),
      el("ol", { class: "calc-items" }, others.map(renderItem)),
      el("p", { class: "calc-others-total" }, `${TEXT.othersTotal}: `, el("strong", {}, money(subtotal), " ", TEXT.yuan),
        ` · ${TEXT.allTotal}: ${money(result.total)} ${TEXT.yuan}`)));
  }
  nodes.push(renderWarnings(result.warnings), renderPrepare(result.items), renderGuidance(result.guidance));
  return nodes;
}

// What the rules say beside the figures (a date outside the validity, a value left out): on
// every command's result, never dropped.
function renderWarnings(warnings) {
  if (!warnings.length) return null;
  return el("section", { class: "calc-warnings" }, el("h3", {}, TEXT.warnings),
    el("ul", {}, warnings.map((w) => el("li", {}, pick(w, "message"),
      w.clause ? [" (", clauseLink(w), ")"] : [],
      w.readings ? [" ", `${TEXT.readings}: `, ...readingLinks(w.readings)] : []))));
}

function renderLand(result) {
  return [
    renderWarnings(result.warnings),
    el("p", { class: "calc-total" }, `${TEXT.floor} `, el("strong", {}, money(result.floor_price), " ", TEXT.yuan),
      ` (${TEXT.unitFloor} ${money(result.floor_unit_price)} ${TEXT.yuan})`),
    el("p", {}, pick(result, "explanation")),
    el("p", { class: "calc-item-meta" }, `${TEXT.clause}: `, clauseLink(result), ` · ${result.reference}`),
    el("p", {}, `${TEXT.departments}: ${result.departments.map((d) => d[lang]).join("、")}`),
    result.readings.length ? el("p", { class: "calc-item-readings" }, `${TEXT.readings}: `, readingLinks(result.readings)) : null,
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
  const row = (i) => el("tr", {}, el("td", {}, pick(i, "clause_label")),
    el("td", {}, pick(i, "title"), i.basis === "up_to" ? ` (${TEXT.upTo})` : "", forEnterprise(i) ? "" : ` (${TEXT.recipient}: ${pick(i, "recipient")})`),
    el("td", {}, money(i.amount)));
  const others = command === "land" ? [] : result.items.filter((i) => !forEnterprise(i));
  const lines = command === "land"
    ? [el("tr", {}, el("td", {}, pick(result, "clause_label")), el("td", {}, TEXT.floor), el("td", {}, money(result.floor_price)))]
    : result.items.filter(forEnterprise).map(row);
  sheet.replaceChildren(
    el("h2", {}, TEXT.sheetTitle),
    el("p", {}, `${TEXT.generated}: ${new Date().toISOString().slice(0, 10)}`),
    ...(command === "land" ? [] : awardDocuments(result).map((d) => el("p", {}, validityText(d, result)))),
    el("h3", {}, TEXT.inputs), el("table", {}, el("tbody", {}, rows)),
    el("h3", {}, TEXT.items), el("table", {}, el("tbody", {}, lines,
      command === "land" ? [] : [el("tr", {}, el("td", {}), el("th", {}, TEXT.enterpriseTotal), el("th", {}, money(result.totals_by_recipient.enterprise)))])),
    ...(others.length ? [el("h3", {}, TEXT.others), el("table", {}, el("tbody", {}, others.map(row),
      el("tr", {}, el("td", {}), el("th", {}, TEXT.othersTotal), el("th", {}, money(sumMoney(others))))))] : []),
    ...(result.warnings.length ? [el("h3", {}, TEXT.warnings), el("ul", {}, result.warnings.map((w) => el("li", {}, pick(w, "message"))))] : []),
    el("p", { class: "calc-disclaimer" }, app.querySelector(".calc-disclaimer-text").textContent),
  );
}

// ------------------------------------------------------------------------------ the engine
const engine = startEngine(app, status, TEXT);

async function runRaw(which, text) {
  if (which !== "estimate" && which !== "land" && which !== "sweep") throw new Error(`unknown command: ${which}`);
  return engine.request({ type: "run", command: which, text });
}

// The what-if chart and the next-threshold sentences of an estimate (whatif.js).
const whatif = command === "estimate" ? whatIf({
  section: app.querySelector(".calc-whatif"), form, request: (message) => engine.request(message),
  applies: (input) => picker.applies(input), links: { clause: clauseLink, readings: readingLinks },
}) : null;

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
// The total a shared link records (`_total`) is the sender's figure: it is never shown. Once the
// rules have computed the same inputs here, a link whose figure differs says so.
let linkTotal = null;
// A failed computation (the engine lost, an answer that cannot be read) never leaves an earlier
// result on screen: the result, the sticky total and the print sheet are cleared, and the page
// says why. The next input tries again.
function showFailure(error) {
  shown = null;
  linkTotal = null;
  showErrors([]);
  summary.hidden = true;
  sheet.replaceChildren();
  whatif?.clear();
  // The engine's own failure is explained in the status line, in the page's language; any other
  // error's text is kept for whoever reports it.
  const reason = app.classList.contains("engine-failed") ? TEXT.engineDown
    : `${TEXT.engineError} (${String(error?.message || error).slice(0, 300)})`;
  output.replaceChildren(el("p", { class: "calc-failure", role: "alert" }, TEXT.computeFailed, reason));
  announce(TEXT.computeFailed + reason);
}

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
    sheet.replaceChildren();
    whatif?.clear();
    announce("");
    return;
  }
  let code, result;
  try {
    // Typed while the engine starts: only the inputs as they are once it is ready are computed.
    await engine.ready;
    if (ticket !== latest) return;
    const answer = await runRaw(command, inputs);
    if (ticket !== latest) return; // a newer input is on its way
    code = answer.status;
    result = JSON.parse(answer.text);
  } catch (error) {
    if (ticket === latest) showFailure(error);
    return;
  }
  shown = inputs;
  if (code !== 0) {
    const general = showErrors(result.errors);
    summary.hidden = true;
    sheet.replaceChildren();
    output.replaceChildren(el("p", { class: "calc-error-summary" }, TEXT.fixErrors, ...general.map((g) => ` ${g}`)));
    whatif?.clear();
    announce([TEXT.fixErrors, ...result.errors.map((e) => pick(e, "message"))].join(" "));
    linkTotal = null;
    writeFragment(data);
    return;
  }
  showErrors([]);
  const total = command === "land" ? result.floor_price : result.totals_by_recipient.enterprise;
  const nodes = (command === "land" ? renderLand(result) : renderEstimate(result)).filter(Boolean);
  if (linkTotal !== null && linkTotal !== total) nodes.unshift(el("p", { class: "calc-link-differs" }, TEXT.linkDiffers));
  linkTotal = null;
  output.replaceChildren(...nodes);
  if (whatif) {
    // The next thresholds go beside the total; both they and the chart come from one sweep.
    const next = el("div", { class: "calc-next-thresholds" });
    output.querySelector(".calc-total").after(next);
    whatif.show(inputs, next);
  }
  summary.hidden = false;
  summary.querySelector("span").textContent = command === "land"
    ? `${TEXT.floor} ${money(result.floor_price)} ${TEXT.yuan}`
    : `${TEXT.enterpriseTotal}: ${money(result.totals_by_recipient.enterprise)} ${TEXT.yuan}`;
  announce(summary.querySelector("span").textContent);
  renderSheet(data, result);
  writeFragment(data, total);
  // For measurements in any browser (scripts/bench_calculators.py): the first result shown.
  if (!performance.getEntriesByName(FIRST_RESULT).length) performance.mark(FIRST_RESULT);
}

// Any error update() did not expect (a rendering bug) is a failed computation too.
const recompute = () => { update().catch(showFailure); };
linkTotal = readFragment();
if (Object.keys(readForm()).length) output.replaceChildren(el("p", { class: "calc-pending" }, TEXT.fromLink));
form.addEventListener("input", recompute);
form.addEventListener("change", recompute);
form.addEventListener("submit", (event) => { event.preventDefault(); recompute(); });
form.addEventListener("reset", () => setTimeout(() => { clearTimeout(fragmentTimer); history.replaceState(null, "", location.pathname); recompute(); }));
app.querySelector("[data-action=print]").addEventListener("click", () => window.print());
summary.querySelector("button").addEventListener("click", () => output.scrollIntoView({ behavior: "smooth" }));
// An engine that cannot start computes nothing: inputs already in the form (a shared link) get
// the failure in place of a result. Its reason is also in the status line (engine.js).
engine.ready.then(recompute, (error) => { if (Object.keys(readForm()).length) showFailure(error); });

window.policyCalculator = {
  // The current engine's start-up: a page the reader comes back to may start a new one.
  get ready() { return engine.ready; },
  run: runRaw,
  estimate: async (profile) => JSON.parse((await runRaw("estimate", JSON.stringify(profile))).text),
  land: async (input) => JSON.parse((await runRaw("land", JSON.stringify(input))).text),
  sweep: async (request) => JSON.parse((await runRaw("sweep", JSON.stringify(request))).text),
};
