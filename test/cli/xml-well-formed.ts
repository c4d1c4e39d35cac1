/**
 * A small XML well-formedness check for tests (no XML library in the project): one root,
 * balanced and properly nested tags, quoted attributes, known entities only, no raw `<` or
 * `&` in text. Returns the element names in document order, or throws naming the problem.
 */
const entity = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
const tag = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/;

export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
}

function checkText(text: string): void {
  for (let i = text.indexOf("&"); i >= 0; i = text.indexOf("&", i + 1)) {
    if (!entity.test(text.slice(i))) throw new Error(`bad entity at ${JSON.stringify(text.slice(i, i + 12))}`);
  }
}

function attributesOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
    checkText(m[2]);
    out[m[1]] = m[2];
  }
  return out;
}

export function parseXmlElements(xml: string): XmlElement[] {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const elements: XmlElement[] = [];
  let roots = 0;
  while (rest.length > 0) {
    const lt = rest.indexOf("<");
    const text = lt < 0 ? rest : rest.slice(0, lt);
    checkText(text);
    if (stack.length === 0 && text.trim() !== "") throw new Error("text outside the root element");
    if (lt < 0) break;
    rest = rest.slice(lt);
    const m = tag.exec(rest);
    if (m === null) throw new Error(`malformed tag at ${JSON.stringify(rest.slice(0, 30))}`);
    const [whole, closing, name, attrs, selfClosing] = m;
    if (closing === "/") {
      if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
    } else {
      if (stack.length === 0) roots++;
      elements.push({ name, attributes: attributesOf(attrs) });
      if (selfClosing !== "/") stack.push(name);
    }
    rest = rest.slice(whole.length);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)}>`);
  if (roots !== 1) throw new Error(`expected one root element, got ${roots}`);
  return elements;
}
