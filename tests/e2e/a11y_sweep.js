/* Accessibility sweep over the current page; returns a list of problems (empty when all is well). */
() => {
  const problems = [];
  const text = (el) => (el.textContent || "").trim();
  const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.name ? "[name=" + el.name + "]" : ""}`;

  const lang = document.documentElement.lang;
  if (lang !== "da" && lang !== "en") { problems.push(`<html lang="${lang}">`); }

  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) { problems.push(`${h1s.length} <h1> elements`); }

  for (const el of document.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden") { continue; }
    const named = el.labels.length > 0 || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!named) { problems.push(`no label: ${describe(el)}`); }
  }

  for (const el of document.querySelectorAll("button")) {
    if (!text(el) && !el.getAttribute("aria-label")) { problems.push(`button without text: ${describe(el)}`); }
  }

  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) { problems.push(`img without alt: ${img.src}`); }
  }

  for (const svg of document.querySelectorAll("svg")) {
    if (svg.parentElement.closest("svg") || svg.closest("[aria-hidden=true]")) { continue; }
    const holder = svg.closest("[role=img]");
    const named = (el) => el && (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")
      || (el.tagName.toLowerCase() === "svg" && el.querySelector(":scope > title") && text(el.querySelector(":scope > title"))));
    if (!named(svg) && !named(holder)) { problems.push(`svg without accessible name: ${describe(svg)}`); }
  }

  for (const el of document.querySelectorAll("[aria-describedby], [aria-labelledby]")) {
    for (const attr of ["aria-describedby", "aria-labelledby"]) {
      for (const id of (el.getAttribute(attr) || "").split(/\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) { problems.push(`${attr} points to a missing id "${id}": ${describe(el)}`); }
      }
    }
  }
  for (const el of document.querySelectorAll("[aria-invalid]")) {
    if (!["true", "false"].includes(el.getAttribute("aria-invalid"))) {
      problems.push(`aria-invalid="${el.getAttribute("aria-invalid")}": ${describe(el)}`);
    }
  }

  const seen = new Set();
  for (const el of document.querySelectorAll("[id]")) {
    if (el.closest("svg")) { continue; }
    if (seen.has(el.id)) { problems.push(`duplicate id: ${el.id}`); }
    seen.add(el.id);
  }

  const focusable = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])";
  const first = document.querySelector(focusable);
  const target = first && first.getAttribute("href") && first.getAttribute("href").startsWith("#")
    && document.getElementById(first.getAttribute("href").slice(1));
  if (!first || !first.classList.contains("skip") || !target || target.tagName.toLowerCase() !== "main") {
    problems.push(`first focusable element is not a skip link to <main>: ${first ? describe(first) : "none"}`);
  }

  const focusRules = [];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      const outline = rule.style && (rule.style.outline || rule.style.outlineStyle);  /* var() leaves only the shorthand */
      if (rule.selectorText && rule.selectorText.includes(":focus-visible") && outline && !outline.includes("none")) {
        focusRules.push(rule.selectorText);
      }
    }
  }
  if (focusRules.length === 0) { problems.push("no :focus-visible outline in the style sheets"); }
  return problems;
}
