export { writeFileAtomic } from './atomic-write.js';
export { checkOutputFile, checkOutputFolder } from './output-location.js';
