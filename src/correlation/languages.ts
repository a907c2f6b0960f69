/**
 * Language keys for joining: `en`, `eng`, `eng_Latn`, `en-US` all normalise to `en`.
 * Codes, XGLM's CC100-XL token counts and resource tiers come from the project's one language
 * table (`data/languages.json`, read by `src/corpora/languages.ts`); this module only adds the
 * join keys and a few codes that table does not list.
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

/**
 * Codes results files use that the language table spells differently: ISO 639-2/B (ger, fre, gre,
 * baq, bur, chi), the macro-language or individual code the table lacks (ara, swa, ekk, cmn) and
 * locale spellings (zh_hans, zh_cn).
 */
const JOIN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  zh: ['cmn', 'chi', 'zh_hans', 'zh_cn'],
  de: ['ger'],
  fr: ['fre'],
  el: ['gre'],
  ar: ['ara'],
  et: ['ekk'],
  sw: ['swa'],
  eu: ['baq'],
  my: ['bur'],
};

/**
 * Builds join entries from the project's language table: one key per ISO 639-1 code (else
 * ISO 639-3), every code of every variety as an alias, XGLM size and tier where the table has them.
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
  for (const [key, aliases] of Object.entries(JOIN_ALIASES)) {
    const entry = byKey.get(key);
    if (entry) for (const a of aliases) entry.aliases.add(a);
  }
  return [...byKey.values()].map((e) => ({ ...e, aliases: [...e.aliases] }));
}

/** Every language of the language table (`data/languages.json`); throws naming the file if it cannot be read. */
export function defaultLanguages(table: LanguageTable = loadLanguageTable()): LanguageInfo[] {
  return languagesFromTable(table);
}

/** XGLM's 30 pretraining languages from the language table, largest pretraining share first. */
export function xglmLanguageInfos(table: LanguageTable = loadLanguageTable()): LanguageInfo[] {
  return languagesFromTable(table)
    .filter((l) => l.tokensB !== null)
    .sort((a, b) => b.tokensB! - a.tokensB!);
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

export function createLanguageIndex(languages: readonly LanguageInfo[] = xglmLanguageInfos()): LanguageIndex {
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
