// Loaded with `node --import`: appends every URL the ESM loader resolves to $TOKGAP_RESOLVE_LOG,
// one a line, so a test can see which packages an import pulled in.
import { register } from 'node:module';

if (process.env.TOKGAP_RESOLVE_LOG) {
  register(`data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    const log = ${JSON.stringify(process.env.TOKGAP_RESOLVE_LOG)};
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      appendFileSync(log, result.url + '\\n');
      return result;
    }
  `)}`);
}
