/**
 * Generated scenario files whose code misbehaves: a processor (or makeEvent) that throws an
 * Error or something else, returns garbage, loops forever, is async, is not deterministic or
 * writes to the frozen values it is given; and scenario files that throw, reject or loop at
 * their top level, do not parse, export no scenario or a bad one, or leave a timer that throws.
 * Each variant is a snippet of code; the file is the snippets put in a template that imports
 * "eosim" as a user's scenario file does.
 *
 * Variants marked with a `defect` are the inputs with which the fuzz suite first found eosim
 * breaking its contract (fixed since): the name says what broke.
 */
import fc from "fast-check";

/** A snippet of code; `defect` names the defect it once triggered, if any. */
interface Variant {
  readonly code: string;
  readonly defect?: string;
}


/** A message: one line of any characters, or (for Errors, whose message eosim cuts at the first line) several. */
const message = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 10 }), fc.constantFrom("", " ", "tab\there", "quote\"s", "back\\slash", "%s %d", "${x}", "é🙂"));
const literal = (text: string): string => JSON.stringify(text);

/** A deeply nested array, built at run time. */
const deepArray = "(() => { let v: any = []; for (let i = 0; i < 100000; i++) v = [v]; return v; })()";

/**
 * Values to `throw`, in the place `where` they are thrown: a processor or makeEvent call
 * (reported as the processor's error), a scenario file's top level (a load error), or a
 * timer the file leaves (an error outside any run).
 */
function thrownValue(where: "call" | "import" | "timer"): fc.Arbitrary<string> {
  const inCall = where === "call";
  return message.chain((text) =>
    fc.constantFrom<Variant>(
      ...[
        { code: `new Error(${literal(text)})` },
        { code: `new TypeError(${literal(text)})` },
        { code: `new RangeError(${literal(text)})` },
        { code: `new Error(${literal(`${text}\nsecond line`)})` },
        { code: `new (class MyError extends Error {})(${literal(text)})` },
        { code: `Object.assign(new Error(${literal(text)}), { stack: undefined })` },
        { code: `new AggregateError([new Error("inner")], ${literal(text)})` },
        { code: literal(text) },
        { code: literal(`${text}\nsecond line`), defect: "thrown-string-spans-lines" },
        { code: "42" },
        { code: "null" },
        { code: "undefined" },
        { code: "{ code: 7, detail: [1, 2] }" },
        { code: "[1, 2]" },
        { code: 'Symbol("s")' },
        { code: "10n" },
        { code: "new Date(0)" },
        { code: "Object.create(null)", ...(inCall ? {} : { defect: "thrown-value-without-string-form" }) },
        { code: '{ toString() { throw new Error("no text"); } }', ...(inCall ? {} : { defect: "thrown-value-without-string-form" }) },
        { code: "Object.assign(new Error(\"x\"), { message: 42 })", defect: "error-message-not-a-string" },
        { code: '(() => { const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw new Error("getter"); } }); return e; })()', defect: "error-message-getter-throws" },
        { code: 'new Proxy({}, { get() { throw new Error("proxy"); } })', defect: "thrown-proxy" },
        { code: deepArray, defect: "thrown-deep-value" },
      ],
    ).map((v) => v.code),
  );
}

/**
 * Processors that are not deterministic: they read real randomness or state kept from
 * earlier calls (those that read the clock are among the misbehaviours too, but whether a
 * millisecond passes between two calls is up to the machine, so they are not held to a verdict).
 */
const nondeterministicProcess: readonly Variant[] = [
  { code: "return { writes: [{ key: event.key, value: Math.random() }] };" },
  { code: "return { writes: [{ key: event.key, value: calls % 5 }] };" },
  { code: "return calls % 7 === 0 ? {} : { writes: [{ key: event.key, value: 1 }] };" },
  { code: "return { outputs: [{ at: performance.now() }] };", defect: "random-outputs-reported-as-safety-failure" },
  { code: "return { outputs: [{ id: crypto.randomUUID() }] };", defect: "random-outputs-reported-as-safety-failure" },
  { code: "return { outputs: [{ n: Math.random() }] };", defect: "random-outputs-reported-as-safety-failure" },
];

/** The same for makeEvent. */
const nondeterministicMakeEvent: readonly Variant[] = [
  { code: "return { key: `k${keyIndex}`, payload: { n: Math.floor(Math.random() * 1000), items: [] } };" },
  { code: "return { key: `k${calls % 3}`, payload: { n: draw, items: [] } };" },
];

/** The code of every non-deterministic variant. */
const nondeterministicCode: ReadonlySet<string> = new Set([...nondeterministicProcess, ...nondeterministicMakeEvent].map((v) => v.code));

/** What `process` does when its trigger fires. */
const processMisbehaviour: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: thrownValue("call").map((value) => `throw ${value};`) },
  {
    weight: 5,
    arbitrary: fc
      .constantFrom<Variant>(
        ...[
          { code: "return undefined;" },
          { code: "return 5;" },
          { code: 'return "hello";' },
          { code: "return null;" },
          { code: "return true;" },
          { code: "return [];" },
          { code: "return { writes: 5 };" },
          { code: 'return { outputs: "hello" };' },
          { code: "return { writes: [{ key: 1, value: 2 }] };" },
          { code: "return { writes: [{ key: event.key, value: NaN }] };" },
          { code: "return { writes: [{ key: event.key, value: Infinity }] };" },
          { code: "return { writes: [{ key: event.key, value: -0 }] };" },
          { code: "return { writes: [{ key: event.key }] };" },
          { code: "return { writes: [5, null] };" },
          { code: "return { writes: new Array(3) };" },
          { code: "return { writes: [{ key: event.key, value: new Map([[1, 2]]) }] };" },
          { code: "return { writes: [{ key: event.key, value: { [Symbol(\"s\")]: 1 } }] };" },
          { code: "return { writes: [{ key: event.key, value: 10n }] };" },
          { code: "return { writes: [{ key: event.key, value: new Date(0) }] };" },
          { code: "const cycle: any = {}; cycle.self = cycle; return { writes: [{ key: event.key, value: cycle }] };" },
          { code: `return { writes: [{ key: event.key, value: ${deepArray} }] };` },
          { code: "return { outputs: [() => 1] };" },
          { code: "return { outputs: [undefined] };" },
          { code: "return { outputs: [{ 1: 2, 3: [4] }], writes: [] };" },
          { code: "return { outputs: null };" },
          { code: "return { writes: { 0: { key: event.key, value: 1 }, length: 1 } };" },
          { code: "return Object.create(null);" },
          { code: "return { writes: [{ key: event.key, value: 1 }], extra: 1 };" },
          { code: "return { writes: [{ key: event.key, value: 1 }], outputs: [{ toJSON() { return 1; } }] };" },
          { code: 'return { writes: [{ key: "a\\nb", value: NaN }] };', defect: "key-spans-lines" },
          { code: 'return { get writes(): any { throw new Error("getter"); } };', defect: "result-getter-throws" },
          { code: "return { outputs: Array.from({ length: 300000 }, (_, i) => i) };", defect: "huge-result-blamed-on-eosim" },
        ],
      )
      .map((v) => v.code),
  },
  { weight: 2, arbitrary: fc.constantFrom("while (true) {}", "for (;;) { calls++; }", "const until = Date.now() + 2000; while (Date.now() < until) {}") },
  { weight: 2, arbitrary: fc.constantFrom("return Promise.resolve({ writes: [] });", "return new Promise(() => {});", "return { then(resolve: any) { resolve({}); } };") },
  { weight: 3, arbitrary: fc.constantFrom(...nondeterministicProcess).map((v) => v.code) },
  { weight: 1, arbitrary: fc.constantFrom("return { writes: [{ key: event.key, value: Date.now() % 3 }] };", "return { writes: [{ key: event.key, value: new Date().getMilliseconds() }] };") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "const v = state.get(event.key); if (v !== undefined) v.n = 99; return {};",
      "const v = state.get(event.key); if (v !== undefined) v.items.push(1); return {};",
      "const v = state.get(event.key); if (v !== undefined) delete v.n; return {};",
      "event.payload.n = 5; return {};",
      "event.payload.items.push(5); return {};",
      'event.key = "changed"; return {};',
      "Object.freeze(event); return { writes: [{ key: event.key, value: { n: 1, items: [] } }] };",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("const f = (n: number): number => f(n + 1) + 1; f(0); return {};", "setTimeout(() => {}, 5); return {};", "return { writes: Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: i })) };") },
);

/** What makeEvent does when its trigger fires. */
const makeEventMisbehaviour: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: thrownValue("call").map((value) => `throw ${value};`) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<Variant>(
        ...[
          { code: "return 5;" },
          { code: "return null;" },
          { code: "return undefined;" },
          { code: "return { key: 7, payload: 1 };" },
          { code: "return { payload: 1 };" },
          { code: 'return { key: "", payload: 1 };' },
          { code: 'return { key: "k", payload: NaN };' },
          { code: 'return { key: "k", payload: () => 1 };' },
          { code: 'return { key: "k" };' },
          { code: 'const cycle: any = {}; cycle.self = cycle; return { key: "k", payload: cycle };' },
          { code: `return { key: "k", payload: ${deepArray} };` },
          { code: 'return { key: "k", payload: new Uint8Array(2) };' },
          { code: 'return Promise.resolve({ key: "k", payload: 1 });' },
          { code: 'return { key: "x".repeat(10000), payload: 1 };' },
          { code: 'return { key: "a\\nb", payload: { n: draw, items: [] } };', defect: "key-spans-lines" },
        ],
      )
      .map((v) => v.code),
  },
  { weight: 1, arbitrary: fc.constantFrom("while (true) {}") },
  { weight: 2, arbitrary: fc.constantFrom(...nondeterministicMakeEvent).map((v) => v.code) },
);

/** When a misbehaviour fires: always, on some inputs, after some calls. */
const trigger = (input: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant("true"),
    fc.tuple(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 6 })).map(([m, r]) => `${input} % ${m} === ${r % m}`),
    fc.integer({ min: 1, max: 40 }).map((n) => `calls > ${n}`),
  );


/** The processor's name: usually plain, sometimes with quotes, unicode, spaces or a newline. */
const processorName = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\n")) },
  { weight: 1, arbitrary: fc.constant("two\nlines") },
);

/** A scenario file whose processor misbehaves in process, makeEvent or both. */
export interface ProcessorFile {
  /** Its source text, given the scenario's name. */
  readonly source: (name: string) => string;
  /** Whether its only misbehaviour is that it is not deterministic (which must never read as a safety failure). */
  readonly nondeterministicOnly: boolean;
}

/** Generated {@link ProcessorFile}s. */
export const processorFile: fc.Arbitrary<ProcessorFile> = fc
  .record({
    processorName,
    processWhen: trigger("event.payload.n"),
    process: fc.option(processMisbehaviour, { freq: 5, nil: undefined }),
    makeEventWhen: trigger("draw"),
    makeEvent: fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: makeEventMisbehaviour }),
    partitions: fc.integer({ min: 1, max: 3 }),
    instances: fc.integer({ min: 1, max: 3 }),
    producers: fc.integer({ min: 1, max: 2 }),
    keys: fc.integer({ min: 1, max: 4 }),
    expect: fc.constantFrom("pass", "pass", "fail"),
    faults: fc.option(fc.subarray(["crash", "lost-ack", "rebalance", "pause", "ambiguous-error", "disk-wipe"]), { nil: undefined }),
    asyncProcess: fc.boolean(),
  })
  .filter((c) => c.process !== undefined || c.makeEvent !== undefined)
  .map((c): ProcessorFile => ({
    nondeterministicOnly: [c.process, c.makeEvent].every((code) => code === undefined || nondeterministicCode.has(code)) && !(c.asyncProcess && c.process === undefined),
    source: (name: string) => {
      const process = c.process === undefined ? "" : `if (${c.processWhen}) { ${c.process} }`;
      const makeEvent = c.makeEvent === undefined ? "" : `if (${c.makeEventWhen}) { ${c.makeEvent} }`;
      // An async process (returns a promise) is one misbehaviour on its own: only when nothing else is planted.
      const asyncKeyword = c.asyncProcess && c.process === undefined ? "async " : "";
      const source = `// Generated by the fuzz suite: a processor that misbehaves.
import { defineProcessor, defineScenario } from "eosim";

let calls = 0;

const processor = defineProcessor<any, any, any>({
  name: ${literal(c.processorName)},
  makeEvent(keyIndex: number, draw: number): any {
    calls++;
    ${makeEvent}
    return { key: \`k\${keyIndex}\`, payload: { n: draw, items: [draw] } };
  },
  ${asyncKeyword}process(state: any, event: any): any {
    calls++;
    ${process}
      const before = state.get(event.key);
    return { writes: [{ key: event.key, value: { n: (before?.n ?? 0) + 1, items: [event.payload.n] } }], outputs: [{ n: event.payload.n }] };
  },
});

export default defineScenario({
  name: ${literal(name)},
  description: "generated misbehaving processor",
  processor,
  topology: { partitions: ${c.partitions}, instances: ${c.instances}, producers: ${c.producers}, keys: ${c.keys} },
  ${c.faults === undefined ? "" : `faults: ${JSON.stringify(c.faults)},`}
  budgetMs: 300,
  runs: 20,
  expect: ${literal(c.expect)},
});
`;
      return source;
    },
  }));

/** A scenario file that misbehaves at load (or right after), and how to run it. */
export interface LoadFile {
  readonly source: string;
  /** "list" only loads it; "run" loads and runs it. */
  readonly command: "list" | "run";
}

const header = 'import { clickCounter, defineScenario } from "eosim";\n';
const scenarioOf = (name: string, extra = "") => `export default defineScenario({ name: ${literal(name)}, description: "generated", processor: clickCounter, runs: 20${extra} });\n`;

/** A scenario file named `name` that misbehaves when it is loaded. */
export function loadFile(name: string): fc.Arbitrary<LoadFile> {
  const ok = scenarioOf(name);
  const variants: fc.Arbitrary<LoadFile>[] = [
    thrownValue("import").map((value) => ({ source: `${header}throw ${value};\n${ok}`, command: "list" })),
    thrownValue("import").map((value) => ({ source: `${header}await Promise.reject(${value});\n${ok}`, command: "list" })),
    thrownValue("timer").map((value) => ({ source: `${header}setTimeout(() => { throw ${value}; }, 1);\n${ok}`, command: "run" })),
    fc.constantFrom(
      `${header}export default defineScenario({ name: ${literal(name)}, description: "d", processor: clickCounter `,
      `${header}export default defineScenario({ name: ${literal(name)}, description: "d", processor: clickCounter, });;; ]`,
      `${header}import "./does-not-exist.ts";\n${ok}`,
      `import { nothing } from "eosim";\nnothing();\n`,
      `${header}export const notAScenario = 1;\n`,
      `${header}export default { kind: "eosim/scenario" };\n`,
      `${header}export default 5;\n`,
      `${header}export const a = defineScenario({ name: ${literal(name)}, description: "d", processor: clickCounter });\nexport const b = defineScenario({ name: ${literal(name)}, description: "other", processor: clickCounter });\n`,
      `${header}const f = (n: number): number => f(n + 1) + 1;\nf(0);\n${ok}`,
      "\u0000\u0001 not code at all",
      "",
    ).map((source) => ({ source, command: "list" as const })),
    fc
      .constantFrom(
        ", topology: { partitions: 0 }",
        ", topology: { instances: 17 }",
        ", intents: { min: 50, max: 10 }",
        ", workload: { events: { min: 5, max: 1 } }",
        ", runtime: \"nope\"",
        ", budgetMs: 0",
        ", runs: 1.5",
        ", expect: \"maybe\"",
        ", unknownOption: true",
        ", faults: [\"crahs\"]",
        ", checkers: [\"nope\"]",
        ", requiredCoverage: [\"fault:nope\"]",
        ", invariants: [{ name: \"offsets\", check: () => [] }]",
        ", schedule: { intents: [{ k: \"nope\" }] }",
        ", timeLimitSeconds: -1",
        ", workload: { mix: { nope: 1 } }",
      )
      .map((extra) => ({ source: `${header}${scenarioOf(name, extra)}`, command: "list" as const })),
    fc.constantFrom("while (true) {}", "await new Promise(() => {});").map((top) => ({ source: `${header}${top}\n${ok}`, command: "list" as const })),
    fc.constantFrom("setInterval(() => {}, 1000);", "process.on(\"exit\", () => {});", "globalThis.fetch = undefined as any;").map((top) => ({ source: `${header}${top}\n${ok}`, command: "run" as const })),
  ];
  return fc.oneof(...variants);
}
