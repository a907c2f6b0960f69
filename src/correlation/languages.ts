/**
 * Language keys for joining: `en`, `eng`, `eng_Latn`, `en-US` all normalise to `en`.
 * The built-in table holds XGLM's 30 pretraining languages with their CC100-XL token counts and
 * resource tiers (Hugging Face model card of facebook/xglm-564M, "Training Data Statistics";
 * Lin et al. 2021, arXiv 2112.10668). Callers may pass their own table (e.g. `data/languages.json`).
 */
import { loadLanguageTable, type LanguageTable } from '../corpora/languages.js';

export type ResourceTier = 'T1' | 'T2' | 'T3' | 'T4';

export interface LanguageInfo {
  /** The join key: ISO 639-1 where one exists. */
  key: string;
  /** Other codes that mean this language (ISO 639-3, FLORES-200, macro-language codes). */
  aliases: readonly string[];
  /** XGLM pretraining tokens in billions (CC100-XL); null for languages XGLM was not trained on. */
  tokensB: number | null;
  tier: ResourceTier | string | null;
}

type Row = [key: string, aliases: string[], tokensB: number, tier: ResourceTier];
// iso639-1, [ISO 639-3 / FLORES-200 / common alternatives], tokens_b, tier — from xglm.md.
const XGLM: Row[] = [
  ['en', ['eng', 'eng_latn'], 803.53, 'T1'],
  ['ru', ['rus', 'rus_cyrl'], 147.79, 'T1'],
  ['zh', ['zho', 'zho_hans', 'zho_hant', 'cmn', 'cmn_hans', 'chi', 'zh_hans', 'zh_cn'], 132.77, 'T1'],
  ['de', ['deu', 'deu_latn', 'ger'], 89.22, 'T1'],
  ['es', ['spa', 'spa_latn'], 87.3, 'T1'],
  ['fr', ['fra', 'fra_latn', 'fre'], 77.42, 'T1'],
  ['ja', ['jpn', 'jpn_jpan'], 66.05, 'T1'],
  ['it', ['ita', 'ita_latn'], 41.93, 'T1'],
  ['pt', ['por', 'por_latn'], 36.59, 'T2'],
  ['el', ['ell', 'ell_grek', 'gre'], 28.76, 'T2'],
  ['ko', ['kor', 'kor_hang'], 20.0, 'T3'],
  ['fi', ['fin', 'fin_latn'], 16.8, 'T3'],
  ['id', ['ind', 'ind_latn'], 15.42, 'T2'],
  ['tr', ['tur', 'tur_latn'], 12.41, 'T2'],
  ['ar', ['ara', 'arb', 'arb_arab'], 12.25, 'T2'],
  ['vi', ['vie', 'vie_latn'], 11.2, 'T2'],
  ['th', ['tha', 'tha_thai'], 10.84, 'T3'],
  ['bg', ['bul', 'bul_cyrl'], 9.7, 'T3'],
  ['ca', ['cat', 'cat_latn'], 7.08, 'T3'],
  ['hi', ['hin', 'hin_deva'], 3.45, 'T3'],
  ['et', ['est', 'est_latn', 'ekk'], 3.29, 'T3'],
  ['bn', ['ben', 'ben_beng'], 1.63, 'T3'],
  ['ta', ['tam', 'tam_taml'], 1.48, 'T3'],
  ['ur', ['urd', 'urd_arab'], 1.35, 'T3'],
  ['sw', ['swa', 'swh', 'swh_latn'], 0.91, 'T3'],
  ['te', ['tel', 'tel_telu'], 0.69, 'T3'],
  ['eu', ['eus', 'eus_latn', 'baq'], 0.105, 'T4'],
  ['my', ['mya', 'mya_mymr', 'bur'], 0.101, 'T4'],
  ['ht', ['hat', 'hat_latn'], 0.087, 'T4'],
  ['qu', ['que', 'quy', 'quy_latn', 'quz'], 0.0032, 'T4'],
];

export const XGLM_LANGUAGES: readonly LanguageInfo[] = XGLM.map(([key, aliases, tokensB, tier]) => ({ key, aliases, tokensB, tier }));

/**
 * Builds join entries from the project's language table (`data/languages.json`, read by
 * `src/corpora/languages.ts`): one key per ISO 639-1 code (else ISO 639-3), every code of every
 * variety as an alias, XGLM size and tier where the table has them.
 */
export function languagesFromTable(table: LanguageTable): LanguageInfo[] {
  const byKey = new Map<string, { key: string; aliases: Set<string>; tokensB: number | null; tier: string | null }>();
  for (const e of table.languages) {
    const key = e.iso6391 ?? e.iso6393;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key, aliases: new Set(), tokensB: null, tier: null };
      byKey.set(key, entry);
    }
    for (const code of [e.id, e.flores, e.iso6393, e.bcp47, ...e.udhr]) if (code) entry.aliases.add(code);
    if (e.xglm && entry.tokensB === null) {
      entry.tokensB = e.xglm.tokensB;
      entry.tier = e.xglm.tier;
    }
  }
  // The built-in aliases cover codes the table may spell differently (arb vs ara, swh vs swa).
  for (const x of XGLM_LANGUAGES) {
    const entry = byKey.get(x.key);
    if (entry) for (const a of x.aliases) entry.aliases.add(a);
  }
  return [...byKey.values()].map((e) => ({ ...e, aliases: [...e.aliases] }));
}

/** The language table when it can be read, else the built-in XGLM list. */
export function defaultLanguages(): LanguageInfo[] {
  try {
    return languagesFromTable(loadLanguageTable());
  } catch {
    return [...XGLM_LANGUAGES];
  }
}

export interface LanguageIndex {
  /** The join key for a code, or undefined when the code is unknown. */
  normalize(code: string): string | undefined;
  info(key: string): LanguageInfo | undefined;
}

/** Lower-case, `-` → `_`; `en_US` style region suffixes are dropped when the prefix is known. */
function canonical(code: string): string {
  return code.trim().toLowerCase().replace(/-/g, '_');
}

export function createLanguageIndex(languages: readonly LanguageInfo[] = XGLM_LANGUAGES): LanguageIndex {
  const byCode = new Map<string, LanguageInfo>();
  for (const lang of languages) {
    byCode.set(canonical(lang.key), lang);
    for (const alias of lang.aliases) if (!byCode.has(canonical(alias))) byCode.set(canonical(alias), lang);
  }
  const byKey = new Map<string, LanguageInfo>();
  for (const l of languages) if (!byKey.has(l.key)) byKey.set(l.key, l);
  return {
    normalize(code) {
      const c = canonical(code);
      const hit = byCode.get(c) ?? byCode.get(c.split('_')[0] ?? '');
      return hit?.key;
    },
    info: (key) => byKey.get(key),
  };
}
