// A Node resolve hook: adds the "@buzz/source" export condition, so @buzz/client-sdk (whose default entries are
// its built dist/) resolves to its TypeScript sources here, which tsx compiles. The monorepo never needs its build.
export const resolve = (specifier, context, next) =>
  next(specifier, { ...context, conditions: [...context.conditions, "@buzz/source"] });
