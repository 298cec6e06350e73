// Firefox ESR driven over WebDriver BiDi by puppeteer-core, for Python (firefox.py): one JSON
// command per line on stdin, one JSON answer per line on stdout, in order.
//   {"id", "op": "launch", "executable", "profile", "viewport"}  -> {"id", "value": version}
//   {"id", "op": "goto", "url", "timeout"}                        (returns at DOMContentLoaded)
//   {"id", "op": "evaluate", "expression", "timeout"}           -> the expression's value
//   {"id", "op": "upload", "selector", "path"}                   (chooses a file in a file input)
//   {"id", "op": "click", "selector"}
//   {"id", "op": "console"}                 -> console errors and page errors since the last call
//   {"id", "op": "close"}
// A failed command answers {"id", "error"}. Nothing is downloaded: the browser is Debian's.
import readline from "node:readline";
import puppeteer from "puppeteer-core";

let browser = null;
let page = null;
const errors = [];

function withTimeout(promise, seconds, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const ops = {
  async launch({ executable, profile, viewport }) {
    browser = await puppeteer.launch({
      browser: "firefox", protocol: "webDriverBiDi", executablePath: executable, headless: true,
      userDataDir: profile, defaultViewport: viewport,
    });
    page = (await browser.pages())[0] ?? (await browser.newPage());
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
    page.on("pageerror", (error) => errors.push(String(error)));
    return browser.version();
  },
  async goto({ url, timeout }) {
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: timeout * 1000 });
    return null;
  },
  async evaluate({ expression, timeout }) {
    return withTimeout(page.evaluate(expression), timeout, "evaluate");
  },
  async upload({ selector, path }) {
    const input = await page.$(selector);
    await input.uploadFile(path);
    return null;
  },
  async click({ selector }) {
    await page.click(selector);
    return null;
  },
  async console() {
    return errors.splice(0);
  },
  async close() {
    await browser.close();
    return null;
  },
};

for await (const line of readline.createInterface({ input: process.stdin })) {
  const { id, op, ...args } = JSON.parse(line);
  let answer;
  try {
    answer = { id, value: await ops[op](args) };
  } catch (error) {
    answer = { id, error: String(error?.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
  if (op === "close") process.exit(0);
}
