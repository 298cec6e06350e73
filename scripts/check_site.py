"""Check a deployed copy of the site: broken pages, MIME types, security and cache headers.

    python3 scripts/check_site.py https://intranet.example.gov.cn/policy-guide/ [--json]

Crawls the site from the URL (same origin and path only, at most --max-urls addresses) and
reports, in Chinese and English:
- pages and files that answer with an HTTP error, and a missing page that does not answer 404;
- wrong MIME types (.html .css .js .mjs .json .wasm .zip .whl .xml);
- a missing or wrong Content-Security-Policy (the calculators need script-src 'self'
  'wasm-unsafe-eval'), X-Content-Type-Options, Referrer-Policy and Permissions-Policy (camera,
  microphone, geolocation, payment and USB turned off); over HTTPS, Strict-Transport-Security;
- cache headers: a year (immutable) under runtime/, revalidation (no-cache) everywhere else,
  the redirect of the address without its trailing slash included;
- text files larger than 1 KB served uncompressed; any Set-Cookie; a folder listed;
- a site built with a SITE_URL other than the address it is served from;
- every footer field still holding its placeholder (主办单位, 网站标识码, ICP备案号… not filled in
  at deployment: the deployment guide says where each value comes from).

Exit status 0 when no problem is found, 1 otherwise. Standard library only, so it runs on the
web server itself. Deployment guide: docs/deploy.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

# Accepted Content-Type (without parameters) per file extension.
TYPES = {
    ".html": {"text/html"},
    ".css": {"text/css"},
    ".js": {"text/javascript", "application/javascript"},
    ".mjs": {"text/javascript", "application/javascript"},
    ".json": {"application/json"},
    # Anything else and Pyodide never finishes loading.
    ".wasm": {"application/wasm"},
    ".whl": {"application/zip", "application/octet-stream", "application/x-wheel+zip"},
    ".zip": {"application/zip", "application/octet-stream", "application/x-zip-compressed"},
    ".xml": {"application/xml", "text/xml"},
}
# Worth compressing; .zip and .whl files are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".xml", ".svg", ".txt", ".map"}
COMPRESS_FROM_BYTES = 1024
# Paths that carry a version (runtime/pyodide-VERSION/, runtime/rules-HASH/): never change.
VERSIONED = "runtime/"
LONG_CACHE_SECONDS = 30 * 24 * 3600
# A calculator page names its runtime's files in <meta name="xinzhou-engine"
# content="runtime=…/pyodide.mjs&stdlib=…/python.zip"> (calculators/web/engine.js reads it).
ENGINE_META = "xinzhou-engine"
# Pyodide's loader fetches these next to pyodide.mjs; no page names them.
PYODIDE_FILES = ("pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
# Material's search index, fetched by its search worker.
SEARCH_INDEX = "search/search_index.json"
MISSING_PAGE = "check-site-no-such-page.html"
# Folders of every build with no index.html: a listing would show their files.
UNLISTED_FOLDERS = ("assets/", "runtime/")
# Features the Permissions-Policy must turn off (the guide's policy turns off more).
FEATURES_OFF = ("camera", "microphone", "geolocation", "payment", "usb")
FORBIDDEN_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:"}
JS_URL = re.compile(r"""new\s+URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)""")
URL_LIKE = re.compile(r"^[\w./-]+\.(?:html|css|js|mjs|json|wasm|whl|zip|xml)$")

# kind -> (title zh, title en, fix zh, fix en); the fixes name the guide's sections.
KINDS = {
    "placeholder": ("页脚信息尚未填写（仍是“部署时填写”）", "footer field still holding its placeholder",
                    "按部署指南“本单位信息”一节填写 mkdocs.yml 的 extra.publisher（或相应环境变量）后重新构建。",
                    "Fill in mkdocs.yml's extra.publisher (or its environment variables) as the guide's identity section says, then rebuild."),
    "unreachable": ("无法访问", "cannot be reached",
                    "检查地址、网络和服务器是否在运行。",
                    "Check the address, the network and that the server is running."),
    "broken": ("页面或文件打不开（HTTP 错误）", "broken page or file (HTTP error)",
               "确认整个站点文件夹已完整复制，子路径配置正确（部署指南“子路径”）。",
               "Make sure the whole site folder was copied and the sub-path is set up (guide: sub-path)."),
    "not-found": ("不存在的页面没有返回 404", "a missing page does not answer 404",
                  "配置 404 错误页（部署指南中的配置示例）。",
                  "Configure the 404 error page (see the example configurations in the guide)."),
    "mime": ("MIME 类型错误", "wrong MIME type",
             "按部署指南“MIME 类型”一节配置；.wasm 不是 application/wasm 时计算器无法启动。",
             "Set the types as in the guide's MIME types section; without application/wasm the calculators cannot start."),
    "csp": ("内容安全策略（CSP）缺失或不正确", "Content-Security-Policy missing or wrong",
            "按部署指南“安全响应头”一节发送 Content-Security-Policy 响应头。",
            "Send the Content-Security-Policy header given in the guide's security headers section."),
    "nosniff": ("缺少 X-Content-Type-Options: nosniff", "X-Content-Type-Options: nosniff missing",
                "按部署指南“安全响应头”一节添加。", "Add it as in the guide's security headers section."),
    "referrer": ("缺少 Referrer-Policy", "Referrer-Policy missing",
                 "按部署指南“安全响应头”一节添加。", "Add it as in the guide's security headers section."),
    "permissions": ("Permissions-Policy 缺失或未关闭摄像头等功能", "Permissions-Policy missing or too open",
                    "按部署指南“安全响应头”一节发送 Permissions-Policy 响应头。",
                    "Send the Permissions-Policy header given in the guide's security headers section."),
    "hsts": ("经 HTTPS 访问但缺少 Strict-Transport-Security", "served over HTTPS without Strict-Transport-Security",
             "按部署指南“HTTPS”一节启用 HSTS 响应头。", "Turn on the HSTS header as in the guide's HTTPS section."),
    "redirect": ("不带末尾斜杠的地址没有转到站点", "the address without its trailing slash does not lead to the site",
                 "按部署指南中的配置示例配置（nginx 示例中的 location = /policy-guide）。",
                 "Set it up as in the guide's examples (location = /policy-guide in the nginx example)."),
    "listing": ("服务器列出了文件夹的内容", "the server lists a folder's files",
                "关闭目录列表：nginx 不用 autoindex on，Apache 用 Options -Indexes（部署指南中的配置示例）。",
                "Turn folder listings off: no autoindex on in nginx, Options -Indexes in Apache (the guide's examples)."),
    "cache": ("缓存响应头不正确", "wrong cache headers",
              "runtime/ 下缓存一年（immutable），其余文件 no-cache（部署指南“缓存”）。",
              "A year (immutable) under runtime/, no-cache for everything else (guide: caching)."),
    "compression": ("文本文件未压缩", "text file sent uncompressed",
                    "开启 gzip（部署指南“压缩”）。", "Turn on gzip (guide: compression)."),
    "cookie": ("服务器设置了 Cookie", "the server sets a cookie",
               "本站不使用 Cookie，请去掉 Set-Cookie。", "The site uses no cookies: remove the Set-Cookie."),
    "site-url": ("站点构建地址（SITE_URL）与访问地址不符", "site built for another address (SITE_URL)",
                 "用正确的 SITE_URL 重新构建（部署指南“构建”）。",
                 "Rebuild with the right SITE_URL (guide: building)."),
    "limit": ("达到检查数量上限，未全部检查", "limit reached, not everything was checked",
              "用 --max-urls 提高上限。", "Raise it with --max-urls."),
}


@dataclass
class Finding:
    kind: str
    url: str
    detail: str
    problem: bool = True  # False: a note, reported without failing the check


@dataclass
class Response:
    url: str
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    cookies: list[str] = field(default_factory=list)
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class _Links(HTMLParser):
    """URLs a page names: href/src, data-* attributes that are paths, Material's config."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.canonical: str | None = None
        self._in_config = False
        self.config = ""
        self.unfilled: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
        for name in ("href", "src"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        for name, value in attrs.items():
            if name.startswith("data-") and value and URL_LIKE.match(value):
                self.urls.append(value)
        if attrs.get("data-unfilled"):
            self.unfilled.append(attrs["data-unfilled"])
        if tag == "meta" and attrs.get("name") == ENGINE_META:
            self.urls += [v for v in parse_qs(attrs.get("content") or "").values() for v in v]
        self._in_config = tag == "script" and attrs.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as it is (an HTTPError with its 3xx status), not followed."""

    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, timeout: float, want_body: bool, follow: bool = True) -> Response:
    """One GET. The body is kept only when asked for (pages, scripts)."""
    # Only gzip when the body is needed: the standard library cannot decode brotli.
    encodings = "gzip" if want_body else "br, gzip"
    request = urllib.request.Request(url, headers={
        "Accept-Encoding": encodings, "User-Agent": "check_site.py (policy guide deployment check)"})
    open_url = urllib.request.urlopen if follow else urllib.request.build_opener(_NoRedirect).open
    try:
        raw = open_url(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        raw = error
    except (urllib.error.URLError, OSError) as error:
        return Response(url, None, {"error": str(getattr(error, "reason", error))})
    with raw:
        headers = {name.lower(): value for name, value in raw.headers.items()}
        response = Response(raw.geturl(), raw.status, headers, raw.headers.get_all("Set-Cookie") or [])
        if want_body:
            body = raw.read()
            if headers.get("content-encoding") == "gzip":
                body = gzip.decompress(body)
            response.body = body
        else:
            # Read to the end all the same: a connection dropped early is an error in many logs.
            while raw.read(1 << 20):
                pass
    return response


def extension(url: str) -> str:
    path = urlsplit(url).path
    if path.endswith("/"):
        return ".html"
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def csp_directives(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), [t.lower() for t in tokens[1:]])
    return directives


def check_csp(response: Response) -> list[str]:
    value = response.headers.get("content-security-policy")
    if not value:
        if response.headers.get("content-security-policy-report-only"):
            return ["only Content-Security-Policy-Report-Only"]
        return ["no Content-Security-Policy header"]
    directives = csp_directives(value)
    script = directives.get("script-src", directives.get("default-src"))
    if script is None:
        return ["no script-src (nor default-src)"]
    wrong = []
    for needed in ("'self'", "'wasm-unsafe-eval'"):
        if needed not in script:
            wrong.append(f"script-src lacks {needed}")
    wrong += [f"script-src allows {token}" for token in script if token in FORBIDDEN_SCRIPT_SOURCES]
    if directives.get("object-src") != ["'none'"]:
        wrong.append("object-src is not 'none'")
    return wrong


def check_permissions(response: Response) -> list[str]:
    value = response.headers.get("permissions-policy")
    if not value:
        return ["no Permissions-Policy header"]
    allowlists = {}
    for part in value.split(","):
        feature, _, allowlist = part.strip().partition("=")
        allowlists[feature.strip().lower()] = allowlist.strip()
    return [f"{feature}={allowlists.get(feature, '(not set)')}; expected {feature}=()"
            for feature in FEATURES_OFF if allowlists.get(feature) != "()"]


def check_hsts(response: Response) -> str | None:
    value = response.headers.get("strict-transport-security", "")
    match = re.search(r"max-age\s*=\s*\"?(\d+)", value)
    if not match or int(match.group(1)) == 0:
        return f"Strict-Transport-Security: {value or '(none)'}; expected max-age=31536000"
    return None


def check_cache(response: Response, versioned: bool) -> str | None:
    value = response.headers.get("cache-control", "")
    parts = {p.strip().split("=")[0].lower() for p in value.split(",") if p.strip()}
    match = re.search(r"max-age\s*=\s*(\d+)", value)
    max_age = int(match.group(1)) if match else None
    if versioned:
        if "no-cache" in parts or "no-store" in parts or max_age is None or max_age < LONG_CACHE_SECONDS:
            return f"Cache-Control: {value or '(none)'}; expected max-age ≥ {LONG_CACHE_SECONDS}, immutable"
        return None
    if "no-cache" in parts or "no-store" in parts or max_age == 0:
        return None
    return f"Cache-Control: {value or '(none)'}; expected no-cache"


class Checker:
    def __init__(self, start: str, max_urls: int, timeout: float) -> None:
        parts = urlsplit(start)
        path = parts.path or "/"
        if not path.endswith("/"):
            # .../policy-guide is the folder, .../policy-guide/index.html a page in it.
            folder, last = path.rsplit("/", 1)
            path = folder + "/" if "." in last else path + "/"
        self.base = f"{parts.scheme}://{parts.netloc}{path}"
        self.start = start
        self.max_urls = max_urls
        self.timeout = timeout
        self.findings: list[Finding] = []
        self.checked: list[Response] = []
        self.pages = 0

    def add(self, kind: str, url: str, detail: str, problem: bool = True) -> None:
        self.findings.append(Finding(kind, url, detail, problem))

    def inside(self, url: str) -> bool:
        return url.startswith(self.base)

    def run(self) -> None:
        queue = [self.start]
        seen = {self.start}
        referrer: dict[str, str] = {}
        while queue:
            if len(self.checked) >= self.max_urls:
                self.add("limit", self.base, f"--max-urls {self.max_urls}", problem=False)
                break
            url = queue.pop(0)
            for found in self.check_url(url, referrer.get(url)):
                if found not in seen and self.inside(found):
                    seen.add(found)
                    referrer[found] = url
                    queue.append(found)
        self.check_missing_page()
        self.check_redirect()
        self.check_listings()

    def check_url(self, url: str, came_from: str | None) -> list[str]:
        ext = extension(url)
        response = fetch(url, self.timeout, want_body=ext in {".html", ".js", ".mjs", ""})
        self.checked.append(response)
        where = f" (linked from {came_from})" if came_from else ""
        if response.status is None:
            self.add("unreachable", url, response.headers["error"])
            return []
        if response.status >= 400:
            self.add("broken", url, f"HTTP {response.status}{where}")
            return []
        self.check_headers(response, ext)
        if response.content_type == "text/html" or ext == ".html":
            self.pages += 1
            return self.links_of_page(response)
        if ext in {".js", ".mjs"}:
            return [urljoin(response.url, m) for m in JS_URL.findall(response.body.decode("utf-8", "replace"))]
        return []

    def check_headers(self, response: Response, ext: str) -> None:
        url = response.url
        expected = TYPES.get(ext)
        if expected and response.content_type not in expected:
            self.add("mime", url, f"Content-Type: {response.content_type or '(none)'}; "
                                  f"expected {' or '.join(sorted(expected))}")
        if response.headers.get("x-content-type-options", "").strip().lower() != "nosniff":
            self.add("nosniff", url, "X-Content-Type-Options: "
                     + response.headers.get("x-content-type-options", "(none)"))
        if response.content_type == "text/html":
            for wrong in check_csp(response):
                self.add("csp", url, wrong)
            if not response.headers.get("referrer-policy"):
                self.add("referrer", url, "no Referrer-Policy header")
            for wrong in check_permissions(response):
                self.add("permissions", url, wrong)
            if urlsplit(url).scheme == "https":
                hsts = check_hsts(response)
                if hsts:
                    self.add("hsts", url, hsts)
        versioned = url.startswith(self.base + VERSIONED)
        cache = check_cache(response, versioned)
        if cache:
            self.add("cache", url, cache)
        elif versioned and "immutable" not in response.headers.get("cache-control", ""):
            self.add("cache", url, "Cache-Control without immutable", problem=False)
        encoding = response.headers.get("content-encoding", "")
        length = int(response.headers.get("content-length", COMPRESS_FROM_BYTES))
        if ext in COMPRESSIBLE and encoding not in {"gzip", "br"} and length >= COMPRESS_FROM_BYTES:
            self.add("compression", url, f"Content-Encoding: {encoding or '(none)'}, {length} bytes")
        for cookie in response.cookies:
            self.add("cookie", url, "Set-Cookie: " + cookie.split("=")[0] + "=…")

    def links_of_page(self, response: Response) -> list[str]:
        parser = _Links()
        parser.feed(response.body.decode("utf-8", "replace"))
        found = []
        for value in parser.urls:
            if value.startswith(("mailto:", "tel:", "javascript:", "data:", "blob:", "#")):
                continue
            found.append(urldefrag(urljoin(response.url, value))[0])
            if found[-1].endswith("/pyodide.mjs"):
                found += [urljoin(found[-1], name) for name in PYODIDE_FILES]
        if parser.config:
            config = json.loads(parser.config)
            if "search" in config:
                found.append(urljoin(response.url, config["search"]))
                found.append(urljoin(response.url, config.get("base", ".").rstrip("/") + "/" + SEARCH_INDEX))
        if parser.canonical:
            self.check_canonical(response.url, urljoin(response.url, parser.canonical))
        # Every page has the same footer: each field is reported once, on the first page.
        reported = {f.detail for f in self.findings if f.kind == "placeholder"}
        for setting in parser.unfilled:
            if setting not in reported:
                self.add("placeholder", response.url, setting)
        return found

    def check_canonical(self, url: str, canonical: str) -> None:
        """The build's SITE_URL shows in each page's canonical link. A wrong sub-path breaks the
        404 page's links; another host name or port is normal when checking from the server
        itself (http://127.0.0.1/…) and only matters to the sitemap."""
        if self.inside(canonical):
            return
        base_path = urlsplit(self.base).path
        if not urlsplit(canonical).path.startswith(base_path):
            self.add("site-url", url, f"canonical {canonical}; served from {self.base}")
        elif not any(f.kind == "site-url" for f in self.findings):
            self.add("site-url", url, f"canonical {canonical}: built for another host or port",
                     problem=False)

    def check_missing_page(self) -> None:
        url = self.base + MISSING_PAGE
        response = fetch(url, self.timeout, want_body=True)
        self.checked.append(response)
        if response.status is not None and response.status != 404:
            self.add("not-found", url, f"HTTP {response.status}; expected 404")

    def check_redirect(self) -> None:
        """http://host/policy-guide (no slash, as typed) leads to the site, and that redirect is
        not kept by browsers (a 301 without Cache-Control is kept as long as they like)."""
        url = self.base.rstrip("/")
        if not urlsplit(url).path:
            return  # the site is the whole host
        response = fetch(url, self.timeout, want_body=False, follow=False)
        self.checked.append(response)
        if response.status is None:
            return
        target = urljoin(url, response.headers.get("location", ""))
        # The path only: a redirect to https:// or to the public host name is as good.
        if response.status not in {301, 302, 303, 307, 308} or urlsplit(target).path != urlsplit(self.base).path:
            self.add("redirect", url, f"HTTP {response.status}"
                     + (f", Location: {target}" if 300 <= response.status < 400 else "")
                     + f"; expected a redirect to {self.base}")
            return
        cache = check_cache(response, versioned=False)
        if cache:
            self.add("cache", url, f"HTTP {response.status}, {cache}")

    def check_listings(self) -> None:
        for folder in UNLISTED_FOLDERS:
            url = self.base + folder
            response = fetch(url, self.timeout, want_body=False)
            self.checked.append(response)
            if response.status == 200:
                self.add("listing", url, "HTTP 200; expected 403 or 404")

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.problem]


def report(checker: Checker) -> str:
    lines = [f"检查 Checking {checker.base}",
             f"已检查 {len(checker.checked)} 个地址，其中页面 {checker.pages} 个 · "
             f"checked {len(checker.checked)} URLs, {checker.pages} pages"]
    for problem, heading in ((True, "问题 Problems"), (False, "提示 Notes")):
        findings = [f for f in checker.findings if f.problem == problem]
        if not findings:
            continue
        lines += ["", f"{heading}: {len(findings)}"]
        for kind, (title_zh, title_en, fix_zh, fix_en) in KINDS.items():
            of_kind = [f for f in findings if f.kind == kind]
            if not of_kind:
                continue
            lines.append(f"- {title_zh} · {title_en} ({len(of_kind)})")
            for finding in of_kind[:10]:
                lines.append(f"    {finding.url}\n      {finding.detail}")
            if len(of_kind) > 10:
                lines.append(f"    … 另有 {len(of_kind) - 10} 处 · {len(of_kind) - 10} more")
            lines.append(f"  处理 {fix_zh}\n  Fix: {fix_en}")
    passed = not checker.problems
    lines += ["", "结论 Result: " + ("通过 PASSED" if passed else "未通过 FAILED")]
    return "\n".join(lines)


def as_json(checker: Checker) -> str:
    return json.dumps({
        "base": checker.base,
        "passed": not checker.problems,
        "problems": [asdict(f) for f in checker.problems],
        "notes": [asdict(f) for f in checker.findings if not f.problem],
        "checked": [{"url": r.url, "status": r.status, "content_type": r.content_type,
                     "content_encoding": r.headers.get("content-encoding"),
                     "cache_control": r.headers.get("cache-control")} for r in checker.checked],
    }, ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the site's address, sub-path included, e.g. http://host/policy-guide/")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--max-urls", type=int, default=1000, help="stop after this many addresses")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    args = parser.parse_args(argv)
    if urlsplit(args.url).scheme not in {"http", "https"}:
        parser.error("the URL must start with http:// or https://")
    checker = Checker(args.url, args.max_urls, args.timeout)
    checker.run()
    print(as_json(checker) if args.json else report(checker))
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
