// What a reader sees of the page now loaded, measured by tests/test_screenshot.py in Chromium.
// Called with one argument: the film titles the digest must show. Returns plain data (colours as
// computed CSS strings); the test does the arithmetic (contrast, luminance, aspect ratios) and the
// judging, so this file stays a measurement with no thresholds in it. It reads no class names:
// what counts is what is rendered, whatever the markup.
const titles = arguments[0];

const norm = (s) => s.replace(/\s+/g, " ").trim();

// Hidden the ways a page can hide things: not rendered, invisible, transparent, zero-sized, or
// inside a box clipped to nothing (the preheader trick: max-height 0 with overflow hidden).
function visible(el) {
  if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const box = el.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) return false;
  for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
    const s = getComputedStyle(a);
    const clips = s.overflowX !== "visible" || s.overflowY !== "visible";
    if (clips && (a.clientWidth < 1 || a.clientHeight < 1)) return false;
  }
  return true;
}

// The page's canvas: what shows where no element paints a background (it follows the root's
// color-scheme, so it is dark in dark mode when the page declares "light dark").
function canvasColour() {
  const probe = document.createElement("div");
  probe.style.backgroundColor = "Canvas";
  document.documentElement.appendChild(probe);
  const colour = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return colour;
}
const canvas = canvasColour();

// The background colours behind an element, nearest first, up to the first opaque one (the test
// composites them): the first non-transparent ancestor background, and what shows through it.
function backgrounds(el) {
  const found = [];
  for (let a = el; a; a = a.parentElement) {
    const colour = getComputedStyle(a).backgroundColor;
    const alpha = colour.startsWith("rgba(") ? parseFloat(colour.split(",")[3]) : 1;
    if (alpha > 0) found.push(colour);
    if (alpha >= 1) return found;
  }
  found.push(canvas);
  return found;
}

function textStyle(el) {
  const s = getComputedStyle(el);
  return {
    colour: s.color,
    backgrounds: backgrounds(el),
    size: parseFloat(s.fontSize),
    weight: parseInt(s.fontWeight, 10),
  };
}

function box(el) {
  const r = el.getBoundingClientRect();
  return { left: r.left, right: r.right, width: r.width, height: r.height };
}

// every element that holds text of its own, once: the text a reader reads
const owners = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (node.data.trim() && node.parentElement) owners.add(node.parentElement);
}
const texts = [];
for (const el of owners) {
  if (!visible(el)) continue;
  const own = norm(
    Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.data)
      .join(" "),
  );
  texts.push({ text: own.slice(0, 80), tag: el.tagName.toLowerCase(), ...textStyle(el) });
}

// each film title: the elements whose whole text is that title (a heading, a link, a name)
const all = Array.from(document.body.querySelectorAll("*"));
const filmTitles = {};
for (const title of titles) {
  const want = norm(title);
  filmTitles[title] = all
    .filter((el) => norm(el.textContent) === want)
    // the innermost one: <h2><a>Title</a></h2> is one title, not two
    .filter((el) => !Array.from(el.children).some((c) => norm(c.textContent) === want))
    .map((el) => ({ visible: visible(el), box: box(el), ...textStyle(el) }));
}

// the page background: what shows at the left edge, at a few heights of the first screen
const edge = [];
for (const y of [0.1, 0.5, 0.9].map((f) => Math.floor(innerHeight * f))) {
  const el = document.elementFromPoint(1, y);
  if (el) edge.push({ y, backgrounds: backgrounds(el) });
}

const images = Array.from(document.images).map((img) => ({
  src: img.currentSrc || img.src,
  alt: img.getAttribute("alt"),
  complete: img.complete,
  naturalWidth: img.naturalWidth,
  naturalHeight: img.naturalHeight,
  visible: visible(img),
  box: box(img),
}));

const meta = (name) => {
  const el = document.querySelector(`meta[name="${name}" i]`);
  return el ? el.getAttribute("content") : null;
};

return {
  innerWidth: innerWidth,
  scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  scrollHeight: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
  colorScheme: meta("color-scheme"),
  viewport: meta("viewport"),
  canvas: canvas,
  texts: texts,
  filmTitles: filmTitles,
  edge: edge,
  images: images,
};
