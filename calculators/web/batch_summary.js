// The batch's budget summary on the page: the tables Python made (xinzhou_policy.batch_summary,
// in the page's language: titles, columns, rows), each as a table and as a bar chart of its
// amounts (chart.js). Amounts are the decimal strings Python computed; they are only formatted.

import { barChart } from "./chart.js";
import { el, lang } from "./engine.js";

const locale = lang === "zh" ? "zh-CN" : "en-GB";
const money = (text) => Number(text).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = (text) => Number(text).toLocaleString(locale);

function tableOf(table) {
  const cell = (value, kind, i) => (kind === "text"
    ? el(i ? "td" : "th", i ? {} : { scope: "row" }, value)
    : el("td", { class: "num" }, kind === "money" ? money(value) : count(value)));
  return el("div", { class: "batch-table-wrap", tabindex: "0", role: "region", "aria-label": table.title },
    el("table", { class: "batch-budget-table" },
      el("thead", {}, el("tr", {}, table.columns.map((c, i) => el("th", { scope: "col", class: table.kinds[i] === "text" ? "" : "num" }, c)))),
      el("tbody", {}, table.rows.map((row) => el("tr", {}, row.map((v, i) => cell(v, table.kinds[i], i)))))));
}

// Where a row's clause is explained: a clause's key is its id, an award's starts with it
// (policy-4.scale-leader); `pages` gives each document's page (the page's data-document-pages).
function linksTo(pages) {
  const clause = (id) => {
    const doc = Object.keys(pages).find((d) => id.startsWith(`${d}-`));
    return doc ? `${pages[doc]}#${id.split(".")[0]}` : undefined;
  };
  return { clauses: clause, awards: clause };
}

// The summary ({title, tables}) as a section; a table with no row (no award of its kind) is
// left out.
export function budgetView(budget, pages) {
  if (!budget) return null;
  const links = linksTo(pages);
  const tables = budget.tables.filter((t) => t.rows.length);
  return el("section", { class: "batch-budget", "aria-labelledby": "batch-budget-title" },
    el("h2", { id: "batch-budget-title" }, budget.title),
    tables.map((table) => {
      const chart = el("div", { class: "chart-host" });
      barChart(chart, {
        title: `${table.title} · ${table.columns[table.chart]}`, unit: table.columns[table.chart], lang,
        rows: table.rows.map((row, i) => ({ label: row[0], value: row[table.chart], href: links[table.key]?.(table.keys[i]) ?? undefined })),
      });
      return el("section", { class: "batch-budget-part" },
        el("h3", {}, table.title), tableOf(table), table.note ? el("p", { class: "batch-budget-note" }, table.note) : null, chart);
    }));
}
