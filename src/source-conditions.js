// Module resolution hook for running eosim from its TypeScript sources (its own repository):
// resolve "eosim" and "eosim/*" through the "eosim-source" export condition, i.e. to src/, so
// the built-in scenarios and test projects that import "eosim" never need a build. Registered
// by typescript-loader.js only when it runs from src/; the package never uses it.
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "eosim" && !specifier.startsWith("eosim/")) return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: ["eosim-source", ...context.conditions] });
}
