import type { DatasetTask } from './catalog.js';
import type { Split } from './types.js';

/** UD treebank folder names of the 20 PUD treebanks (UniversalDependencies/UD_<Name>-PUD on GitHub). */
const PUD_NAMES: Record<string, string> = {
  ar: 'Arabic', cs: 'Czech', de: 'German', en: 'English', es: 'Spanish', fi: 'Finnish', fr: 'French', hi: 'Hindi',
  id: 'Indonesian', is: 'Icelandic', it: 'Italian', ja: 'Japanese', ko: 'Korean', pl: 'Polish', pt: 'Portuguese',
  ru: 'Russian', sv: 'Swedish', th: 'Thai', tr: 'Turkish', zh: 'Chinese',
};

/**
 * Where a split is published as a plain file by its maintainers, for users without a local copy.
 * Only UD PUD test sets are plain files upstream; XNLI, PAWS-X and PAN-X ship as zip/tar archives,
 * which `archives.ts` downloads and unpacks.
 */
export function canonicalUrl(task: DatasetTask, lang: string, split: Split): { url: string; relPath: string } | undefined {
  if (task !== 'pos' || split !== 'test') return undefined;
  const name = PUD_NAMES[lang];
  if (name === undefined) return undefined;
  const file = `${lang}_pud-ud-test.conllu`;
  return { url: `https://raw.githubusercontent.com/UniversalDependencies/UD_${name}-PUD/master/${file}`, relPath: `canonical/ud/${file}` };
}
