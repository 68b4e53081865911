// Predict, then reveal. Every Output block that follows a runnable sample (the blocks the content tests run and
// compare, see src/lib/content/samples.ts) is wrapped at build time, so no lesson has to ask for it:
//
//   <CtPredictOutput sample="x.mjs" n="3" expected='["…"]' [node="24"]>   PredictOutput.astro: the prediction form
//     <details class="ct-predict-output">                                 the disclosure: works without JavaScript,
//       <summary>Show what Node prints</summary>                          and its text stays in the HTML
//       ```txt title="Output" …```  (every Output block of the sample, unchanged)
//     </details>
//   </CtPredictOutput>
//
// The rule: a block is wrapped when it is a `txt` block with an Output title and it directly follows a runnable
// sample or another such block. An Output block after a sample that is not `runnable` stays as it is: nothing
// checks it against Node, so the page does not offer to grade a prediction against it.
//
// Astro 7 renders Markdown and MDX with Sätteri; this is a Sätteri mdast plugin (remark's role there), registered
// by the `predictOutput()` integration in astro.config.mjs. Only MDX gets it: a component needs an import.
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { MdastPluginDefinition, MdastPluginEntry, MdxJsxFlowElement } from 'satteri';
import type { Code, RootContent } from 'mdast';
import { parseOutputBlock, type ExpectedOutput } from '../lib/content/samples.ts';
import { stepperId } from '../lib/trace/view.ts';

const COMPONENT = fileURLToPath(new URL('../components/PredictOutput.astro', import.meta.url));
/** The name the component is imported under in each MDX file: one a lesson is unlikely to use itself. */
export const COMPONENT_NAME = 'CtPredictOutput';
export const SUMMARY = 'Show what Node prints';
/** Where Output blocks differ by Node version, a prediction is compared with this version's. */
export const COMPARED_NODE = 24;

const isRunnable = (meta: string | null | undefined) => /(^|\s)runnable(\s|$)/.test(meta ?? '');
const titleOf = (meta: string | null | undefined) => meta?.match(/title="([^"]*)"/)?.[1];

/** The Output block this node is, or undefined when it is not one. */
function outputBlock(node: RootContent | undefined): ExpectedOutput | undefined {
  if (node?.type !== 'code' || node.lang !== 'txt') return undefined;
  return parseOutputBlock(titleOf(node.meta), node.value);
}

/** What a prediction is compared with: the Node 24 block where blocks differ by version, else the only one. */
export function comparedOutput(blocks: readonly ExpectedOutput[]): { alternatives: string[]; node?: number } {
  const versioned = blocks.some((b) => b.node !== undefined);
  const block = blocks.find((b) => b.node === COMPARED_NODE) ?? blocks.find((b) => b.node === undefined) ?? blocks[0]!;
  return versioned ? { alternatives: block.alternatives, node: block.node ?? COMPARED_NODE } : { alternatives: block.alternatives };
}

const attribute = (name: string, value: string) => ({ type: 'mdxJsxAttribute' as const, name, value });
const element = (name: string, attributes: ReturnType<typeof attribute>[], children: MdxJsxFlowElement['children']): MdxJsxFlowElement => ({
  type: 'mdxJsxFlowElement',
  name,
  attributes,
  children,
});

// The summary reads the same on every sample, so search leaves it out. Its text sits straight inside it, as HTML
// wants (a <p> there is invalid); mdast's types allow only blocks in a JSX flow element, but Sätteri renders it.
const summaryText = { type: 'text', value: SUMMARY } as unknown as MdxJsxFlowElement['children'][number];

/** The wrapper that replaces a sample's Output blocks; the blocks inside are copies (a node can live in one place). */
export function disclosure(sample: string, n: number, blocks: readonly Code[], stepper?: string): MdxJsxFlowElement {
  const compared = comparedOutput(blocks.map((b) => outputBlock(b)!));
  const attributes = [attribute('sample', sample), attribute('n', String(n)), attribute('expected', JSON.stringify(compared.alternatives))];
  if (compared.node !== undefined) attributes.push(attribute('node', String(compared.node)));
  // A sample with a stepper gets a "Step through it" link beside the reveal (PredictOutput.astro).
  if (stepper) attributes.push(attribute('stepper', `#${stepperId(stepper)}`));
  const copies = blocks.map((b): Code => ({ type: 'code', lang: b.lang ?? null, meta: b.meta ?? null, value: b.value }));
  return element(COMPONENT_NAME, attributes, [
    element('details', [attribute('class', 'ct-predict-output')], [element('summary', [attribute('data-pagefind-ignore', '')], [summaryText]), ...copies]),
  ]);
}

/** The sample a `<LoopTrace sample="..."/>` right after the Output blocks steps through, if there is one. */
function stepperAfter(node: RootContent | undefined): string | undefined {
  if (node?.type !== 'mdxJsxFlowElement' || node.name !== 'LoopTrace') return undefined;
  const sample = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'sample')?.value;
  return typeof sample === 'string' ? sample : undefined;
}

/** The import specifier of the component from the MDX file being compiled (relative, as a lesson's own imports). */
function componentSpecifier(fileURL: URL | undefined): string {
  if (!fileURL) return COMPONENT;
  const path = relative(dirname(fileURLToPath(fileURL)), COMPONENT).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** The plugin for one MDX document. */
export function predictOutputPlugin(fileURL?: URL): MdastPluginDefinition {
  let wrapped = 0;
  return {
    name: 'ct-predict-output',
    code(node, ctx) {
      if (!isRunnable(node.meta)) return;
      const parent = ctx.parent(node);
      const at = ctx.indexOf(node);
      if (!parent || at === undefined) return;
      const blocks: Code[] = [];
      for (let i = at + 1; outputBlock(parent.children[i]); i++) blocks.push(parent.children[i] as Code);
      if (!blocks.length) return;
      wrapped++;
      ctx.replaceNode(blocks[0]!, disclosure(titleOf(node.meta) ?? 'the sample', wrapped, blocks, stepperAfter(parent.children[at + 1 + blocks.length])));
      for (const extra of blocks.slice(1)) ctx.removeNode(extra);
    },
    after(root, ctx) {
      if (wrapped) ctx.prependChild(root, { type: 'mdxjsEsm', value: `import ${COMPONENT_NAME} from ${JSON.stringify(componentSpecifier(fileURL))};` });
    },
  };
}

/** The entry for Sätteri's `mdastPlugins`: MDX documents that mention `runnable` get the plugin. */
export const predictOutputEntry: MdastPluginEntry = ({ fileURL, sourceFormat, source }) =>
  sourceFormat === 'mdx' && source.includes('runnable') ? predictOutputPlugin(fileURL) : undefined;

/** Registers the plugin with the Markdown processor, as Starlight and Expressive Code register theirs. */
export function predictOutput(): AstroIntegration {
  return {
    name: 'ct-predict-output',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const processor = config.markdown.processor as { name: string; options: { mdastPlugins?: MdastPluginEntry[] } } | undefined;
        if (processor?.name !== 'satteri' || !Array.isArray(processor.options.mdastPlugins)) {
          throw new Error(`predictOutput(): expected Astro's Sätteri Markdown processor, found ${processor?.name ?? 'none'}; runnable samples would show their output unhidden`);
        }
        processor.options.mdastPlugins.push(predictOutputEntry);
      },
    },
  };
}
