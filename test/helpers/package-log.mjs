// `node --import ./test/helpers/package-log.mjs …` registers package-log-hook.mjs.
import { register } from 'node:module';
register('./package-log-hook.mjs', import.meta.url);
