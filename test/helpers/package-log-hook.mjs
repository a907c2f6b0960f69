// A module-resolution hook that prints every npm package a process loads ("PKG name" on stderr):
// tests use it to check what a command's start-up imports.
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const m = result.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) process.stderr.write(`PKG ${m[1]}\n`);
  return result;
}
