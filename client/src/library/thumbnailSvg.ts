/**
 * A snapshot's SVG export, made ready to draw inline as a thumbnail. Inline, because the app's
 * Content-Security-Policy gives images 'self' alone (server/src/security/headers.ts): a picture
 * fetched with a token can reach an <img> only through a blob: or data: address, which it refuses.
 * Drawn inline, the picture is first stripped of anything that could run or fetch, though the
 * server escapes what people wrote and the policy would block inline script anyway.
 */
const DROPPED = new Set(['title', 'script', 'foreignobject', 'iframe', 'style', 'a', 'use', 'image', 'animate', 'set', 'animatemotion', 'animatetransform']);

export function thumbnailSvg(text: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  for (const el of [...root.querySelectorAll('*')]) {
    if (DROPPED.has(el.localName.toLowerCase())) {
      el.remove();
      continue;
    }
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || name.endsWith('href')) el.removeAttribute(attr.name);
    }
  }
  for (const attr of [...root.attributes]) if (attr.name.toLowerCase().startsWith('on') || attr.name === 'style') root.removeAttribute(attr.name);
  // Scaled to its box by its viewBox; the box's label speaks for it, so its own words are not read out.
  root.removeAttribute('width');
  root.removeAttribute('height');
  root.removeAttribute('role');
  root.setAttribute('aria-hidden', 'true');
  root.setAttribute('focusable', 'false');
  root.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  return document.importNode(root, true) as unknown as SVGSVGElement;
}
