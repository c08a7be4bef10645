/**
 * Text someone typed, made inert in a line of Markdown: every character that means something
 * inside a line (emphasis, code, links, HTML, entities, table pipes, strikethrough) gets a
 * backslash, as does a start that would open a block (heading, list, quote, numbered item) and a
 * trailing run of #s that a heading would eat. Line breaks become spaces; leading space (which
 * could start a code block) goes.
 */
export function markdownInline(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/^\s+/, '');
  return flat
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/(\s)(#+)\s*$/, (_m, space: string, hashes: string) => space + hashes.replace(/#/g, '\\#'));
}

/** A table row: each cell on one line, its pipes escaped so that none ends the cell early. */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => markdownInline(c.replace(/\s*[\r\n]+\s*/g, ' '))).join(' | ')} |`;
}
