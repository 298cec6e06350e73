// Plain-JavaScript baseline of policy-13 (xinzhou_policy/land.py), the reserve-price floor of
// industrial land, for scripts/bench_calculators.py only. The input comes from the URL fragment
// as on the site (grade, area_m2, total_cost, supported_project); the parameters from
// land-parameters.json, which the bench writes from the policy's parameters.toml. Decimals are
// BigInt fixed point, so the floor is exact before the one rounding to the fen, half up.

// "12345.67" -> { n: 1234567n, scale: 2 }: the value is n / 10^scale.
function decimal(text) {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(String(text).trim());
  if (!match) throw new Error(`not a non-negative decimal: ${text}`);
  const fraction = match[2] || "";
  return { n: BigInt(match[1] + fraction), scale: fraction.length };
}
const times = (a, b) => ({ n: a.n * b.n, scale: a.scale + b.scale });
const at = (a, scale) => a.n * 10n ** BigInt(scale - a.scale); // scale >= a.scale
const greater = (a, b) => { const s = Math.max(a.scale, b.scale); return at(a, s) > at(b, s); };
function fenText(a) {
  let fen;
  if (a.scale <= 2) fen = at(a, 2);
  else { const unit = 10n ** BigInt(a.scale - 2); fen = (a.n + unit / 2n) / unit; } // half up (a >= 0)
  return `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
}

function floorPrice(parameters, input) {
  const unit = parameters.national_minimum_prices[String(Number(input.get("grade")))];
  if (unit === undefined) throw new Error(`unknown grade: ${input.get("grade")}`);
  const total = times(decimal(unit), decimal(input.get("area_m2")));
  const supported = input.get("supported_project") === "true";
  const priceFloor = supported ? times(total, decimal(parameters.land_supported_ratio)) : total;
  const cost = decimal(input.get("total_cost") || "0");
  return fenText(greater(cost, priceFloor) ? cost : priceFloor);
}

const input = new URLSearchParams(location.hash.slice(1));
const response = await fetch(new URL("land-parameters.json", import.meta.url));
const floor = floorPrice(await response.json(), input);
const strong = document.createElement("strong");
strong.textContent = floor;
const line = document.createElement("p");
line.className = "calc-total";
line.append("出让底价 Reserve-price floor: ", strong, " 元 yuan");
document.querySelector(".calc-result").replaceChildren(line);
performance.mark("xinzhou-first-result"); // as the site's calculator.js marks its first result
