// The batch page: a CSV or .xlsx file of enterprise profiles is read in this browser, computed by the rule
// package in the calculators' worker (in chunks, with progress), shown a page of rows at a time,
// and written back as CSV or .xlsx. Nothing leaves the browser. Text from the file is only ever
// set as textContent, never parsed as HTML.

import { budgetView } from "./batch_summary.js";
import { el, lang, startEngine } from "./engine.js";

const app = document.querySelector(".batch-app");
const CHUNK = 1000; // rows per compute call: a progress message about every few hundred ms
const PAGE = 50; // table rows shown at once: a large file never becomes a large DOM

const TEXT = {
  zh: {
    ready: "计算引擎已就绪，请选择文件。", meanwhile: "加载期间即可选择文件，计算引擎就绪后立即计算。", failed: "计算引擎无法加载，本页无法计算；可使用命令行工具批量计算。原因：",
    reading: "正在读取文件…", progress: (d, n) => `已计算 ${d.toLocaleString("zh-CN")} / ${n.toLocaleString("zh-CN")} 行`,
    fileError: "文件无法处理：", rows: "行数", computed: "已计算", errors: "有错误的行", outside: "不在有效期内的行",
    total: "全部项目估算合计（元）", enterprise: "其中企业本身可得（元）", row: "行", validity: "有效期内", errorsCol: "错误",
    yes: "是", no: "否", page: (p, n) => `第 ${p} / ${n} 页`, prev: "上一页", next: "下一页", none: "没有可显示的行。",
    preparing: "正在生成文件…", seconds: (s) => `用时 ${s} 秒`,
    cancelled: (d, n) => `已取消：计算了 ${d.toLocaleString("zh-CN")} / ${n.toLocaleString("zh-CN")} 行，未显示结果。可重新选择文件。`,
    headerErrors: "表头有以下问题：", separator: "：",
  },
  en: {
    ready: "The calculation engine is ready: choose a file.",
    meanwhile: "You can choose the file meanwhile: it is computed as soon as the engine is ready.",
    failed: "The calculation engine could not load, so this page cannot compute; the command-line tool can. Reason: ",
    reading: "Reading the file…", progress: (d, n) => `${d.toLocaleString("en-GB")} of ${n.toLocaleString("en-GB")} rows computed`,
    fileError: "The file cannot be processed: ", rows: "Rows", computed: "Computed", errors: "Rows with errors",
    outside: "Rows outside the validity", total: "Estimated total of every item (yuan)",
    enterprise: "of which the enterprises themselves receive (yuan)",
    row: "Row", validity: "Within validity", errorsCol: "Errors", yes: "yes", no: "no",
    page: (p, n) => `Page ${p} of ${n}`, prev: "Previous", next: "Next", none: "No rows to show.",
    preparing: "Preparing the file…", seconds: (s) => `in ${s} s`,
    cancelled: (d, n) => `Cancelled after ${d.toLocaleString("en-GB")} of ${n.toLocaleString("en-GB")} rows: no results shown. You can choose the file again.`,
    headerErrors: "The header has these problems:", separator: ": ",
  },
}[lang];

const status = app.querySelector(".calc-status");
const input = app.querySelector("#batch-file");
const progressBox = app.querySelector(".batch-progress");
const progressBar = progressBox.querySelector("progress");
const progressText = progressBox.querySelector("span");
const cancelButton = progressBox.querySelector(".batch-cancel");
const fileError = app.querySelector(".batch-error");
const summaryBox = app.querySelector(".batch-summary");
const downloads = app.querySelector(".batch-downloads");
const results = app.querySelector(".batch-results");
const errorsOnly = app.querySelector(".batch-errors-only");
const table = app.querySelector(".batch-table");
const pager = app.querySelector(".batch-pager");

const pick = (obj, key) => obj[`${key}_${lang}`];
const money = (text) => Number(text).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// A row's error names its cell (the spreadsheet's row number and the column's header); a file's
// error has no cell.
const errorText = (errors) => errors.map((e) => (e.cell_zh ? pick(e, "cell") + TEXT.separator : "") + pick(e, "message")).join("; ");
// The header's problems that leave the rows readable (a column that names no field, a field in
// two columns): above the results.
const headerErrors = el("div", { class: "batch-header-errors", role: "status" });
headerErrors.hidden = true;
progressBox.after(headerErrors);

// ------------------------------------------------------------------------------ the engine
// A new engine (the reader came back to a page that had stopped its engine, engine.js) holds no
// file: the results shown can no longer be paged or downloaded, and the file is chosen again.
function forgetJob() {
  job = null;
  for (const node of [progressBox, headerErrors, summaryBox, downloads, results]) node.hidden = true;
  input.value = "";
  delete app.dataset.state;
}

const engine = startEngine(app, status, { ...TEXT, onRestart: forgetJob });
// The file can be chosen while the engine loads (disabled in the page only for a browser without
// JavaScript): it is read at once and computed when the engine is ready (`ask` waits for it).
input.disabled = false;

function ask(message, onProgress) {
  return engine.request({ type: "batch", ...message }, onProgress);
}

// ------------------------------------------------------------------------------ the results
let job = null; // {name, columns, fields, resultColumns, notes, summary}
let pageIndex = 0;

function renderSummary(summary) {
  summaryBox.replaceChildren(
    el("p", { class: "batch-counts" },
      `${TEXT.rows}: ${summary.rows} · ${TEXT.computed}: ${summary.computed} · `,
      el("span", { class: summary.errors ? "batch-has-errors" : "" }, `${TEXT.errors}: ${summary.errors}`),
      ` · ${TEXT.outside}: ${summary.outside_validity}`),
    el("p", { class: "calc-total" }, `${TEXT.total}: `, el("strong", { class: "batch-total" }, money(summary.total)),
      ` · ${TEXT.enterprise}: `, el("strong", { class: "batch-total-enterprise" }, money(summary.total_enterprise))),
    // The budget summary (batch_summary.js): by clause, award, recipient, unit and document.
    budgetView(summary.budget?.[lang], JSON.parse(app.dataset.documentPages)),
  );
  summaryBox.hidden = false;
}

// A column as the file titles it, with the note of the field it names (`field`: the column's
// JSON name, or null for a column that names none).
function headerCell(column, field = column) {
  return el("th", { scope: "col", title: job.notes[field]?.[lang] ?? "" }, column);
}

async function showPage(index) {
  const { text } = await ask({ op: "page", start: index * PAGE, stop: (index + 1) * PAGE, errorsOnly: errorsOnly.checked });
  const { count, rows } = JSON.parse(text);
  pageIndex = index;
  // The result cells, by column name: amounts (the clauses' and the totals), the validity; the
  // errors come as data.
  const cell = (column, value) => {
    if (column === "within_validity") return el("td", {}, value === "" ? "" : value === "true" ? TEXT.yes : TEXT.no);
    if (column === "document_numbers") return el("td", {}, value);
    const kind = { total: "num batch-row-total", total_enterprise: "num batch-row-enterprise" }[column] || "num";
    return el("td", { class: kind }, value && money(value));
  };
  const shown = job.resultColumns.filter((c) => c !== "errors");
  table.tHead.replaceChildren(el("tr", {}, el("th", { scope: "col" }, TEXT.row),
    job.columns.map((column, i) => headerCell(column, job.fields[i])), job.resultColumns.map((column) => headerCell(column))));
  table.tBodies[0].replaceChildren(...rows.map((row) => el("tr", { class: row.errors.length ? "has-error" : "" },
    el("th", { scope: "row" }, row.row),
    job.columns.map((_, i) => el("td", {}, row.cells[i] ?? "")),
    shown.map((column, i) => cell(column, row.result[i])),
    el("td", { class: "batch-row-errors" }, errorText(row.errors)),
  )));
  const pages = Math.max(1, Math.ceil(count / PAGE));
  const button = (label, target) => {
    const b = el("button", { type: "button" }, label);
    b.disabled = target < 0 || target >= pages;
    b.addEventListener("click", () => { showPage(target).catch(showFailure); });
    return b;
  };
  pager.replaceChildren(button(TEXT.prev, index - 1), el("span", {}, count ? TEXT.page(index + 1, pages) : TEXT.none), button(TEXT.next, index + 1));
  results.hidden = false;
}

// A job that fails (the engine lost, a file the worker cannot finish) leaves no earlier figure on
// screen: the summary, the table, the downloads and the progress of the last file are cleared.
function showFailure(error) {
  for (const node of [progressBox, headerErrors, summaryBox, downloads, results]) node.hidden = true;
  summaryBox.replaceChildren();
  table.tBodies[0].replaceChildren();
  job = null;
  fileError.textContent = TEXT.fileError + String(error.message || error);
  fileError.hidden = false;
  app.dataset.state = "failed";
}

function showHeaderErrors(errors) {
  headerErrors.replaceChildren(el("p", {}, TEXT.headerErrors), el("ul", {}, errors.map((e) => el("li", {}, pick(e, "message")))));
  headerErrors.hidden = !errors.length;
}

let latest = 0; // the file chosen last: an earlier one, replaced or cancelled, shows nothing more

async function process(file) {
  const mine = ++latest;
  const started = performance.now();
  app.dataset.state = "running";
  for (const node of [fileError, headerErrors, summaryBox, downloads, results]) node.hidden = true;
  progressBox.hidden = false;
  cancelButton.hidden = false;
  progressBar.removeAttribute("value"); // indeterminate while the file is read and opened
  progressText.textContent = TEXT.reading;
  const bytes = await file.arrayBuffer();
  let opened = null;
  const answer = await ask({ op: "open", file: bytes, chunk: CHUNK }, (summary) => {
    if (summary.columns) { // the first one: the file's columns, their notes, the header's problems
      opened = summary;
      showHeaderErrors(summary.header_errors);
    }
    progressBar.max = Math.max(summary.rows, 1);
    progressBar.value = summary.done;
    progressText.textContent = TEXT.progress(summary.done, summary.rows);
  }, [bytes]);
  if (mine !== latest) return;
  cancelButton.hidden = true;
  if (answer.status !== 0) {
    showFailure(errorText(JSON.parse(answer.text).errors));
    return;
  }
  const summary = JSON.parse(answer.text);
  if (answer.cancelled) {
    progressText.textContent = TEXT.cancelled(summary.done, summary.rows);
    input.value = "";
    app.dataset.state = "cancelled";
    return;
  }
  job = { name: file.name.replace(/\.[^.]*$/, ""), columns: opened.columns, fields: opened.fields, resultColumns: opened.result_columns, notes: opened.notes, summary };
  renderSummary(summary);
  await showPage(0);
  downloads.hidden = false;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  progressText.textContent = `${TEXT.progress(summary.done, summary.rows)} · ${TEXT.seconds(seconds)}`;
  app.dataset.state = "done";
  app.dataset.seconds = seconds;
  app.dataset.engineHeapBytes = answer.heapBytes; // for scripts/bench_batch.py
}

async function download(format, button) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = TEXT.preparing;
  try {
    const { blob } = await ask({ op: format, lang }); // the headers in the page's language
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: `${job.name}-results.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

input.addEventListener("change", () => {
  // A file chosen while another is computed replaces it: the worker stops the first (worker.js).
  if (input.files.length) process(input.files[0]).catch(showFailure);
});
cancelButton.addEventListener("click", () => {
  cancelButton.hidden = true;
  ask({ op: "cancel" }).catch(showFailure);
});
errorsOnly.addEventListener("change", () => { showPage(0).catch(showFailure); });
for (const button of downloads.querySelectorAll("button")) {
  button.addEventListener("click", () => { download(button.dataset.format, button).catch(showFailure); });
}
