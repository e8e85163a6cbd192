// Parses Markdown pages the way Docusaurus 3.10 does (@docusaurus/mdx-loader
// 3.10.0: its preprocessor, then @mdx-js/mdx with remark-mdx, remark-
// frontmatter, remark-directive, remark-gfm), compiles each to prove it
// compiles, and reports what a translation must keep, for
// tests/it/docusaurus.rs to compare a source page with its built translation.
//
// Usage: node mdx_parse.mjs [--mdx1-compat] [PAGE...]
// Without PAGE arguments, reads a JSON list of page paths on stdin: pass all
// pages in one call (one Node start per page is slow).
//
// --mdx1-compat: Docusaurus 3's default `markdown.mdx1Compat` (comments,
// admonitions, headingIds all true). Without it, the `future.v4: true`
// defaults (all false), as react-native's site has them.
//
// The packages come from FLUENTMARK_NODE_MODULES (a folder with
// node_modules/, default target/node/mdx of the repository), where .ci/run
// installs tests/oracles/package-lock.json.
//
// Prints one JSON object: {page: {...}} with, per page:
// - ok: whether the page compiles; error: "line:column: reason" if not
//   (the other fields are then empty); front matter that gray-matter (what
//   Docusaurus reads it with) refuses is an error too;
// - frontMatter: the front matter as gray-matter reads it;
// - structure: the mdast tree without text, one entry per node entered
//   (`heading[depth=2]`, `jsx:TabItem[value=android][label]`,
//   `containerDirective:note`, `link[url=x]`) and `/type` when a node
//   with children is left; text nodes are left out; prose attributes
//   (title, label, alt, description, placeholder, caption) of JSX
//   elements are named without their value, link and image titles and alt
//   texts are left out; code, inline code, expressions and ESM are
//   entries whose values are in `verbatim`; a text directive with neither
//   label nor attributes (`a:b` in prose) is text, as Docusaurus'
//   remark/unusedDirectives makes it;
// - lines: the source line of each entry of structure;
// - ids: heading ids in document order, as @docusaurus/mdx-loader's
//   remark/headings plugin computes them (ported below);
// - text: visible prose (text nodes, image alt texts, prose attribute
//   values) outside code, inline code, expressions, ESM and front matter,
//   one space between pieces;
// - verbatim: the value of each code block, inline code, expression (flow
//   or text, and attribute value expressions) and ESM block, in order.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = resolve(
  process.env.FLUENTMARK_NODE_MODULES || join(here, '../../target/node/mdx'),
);
const require = createRequire(join(modules, 'package.json'));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);

const {createProcessor} = await load('@mdx-js/mdx');
const {default: remarkFrontmatter} = await load('remark-frontmatter');
const {default: remarkDirective} = await load('remark-directive');
const {default: remarkGfm} = await load('remark-gfm');
const {default: remarkComment} = await load('@slorber/remark-comment');
const {toString} = await load('mdast-util-to-string');
const {VFile} = await load('vfile');
const GithubSlugger = require('github-slugger');
const matter = require('gray-matter');

const PROSE_ATTRIBUTES = new Set(['title', 'label', 'alt', 'description', 'placeholder', 'caption']);
// Docusaurus 3.10's admonition keywords (remark/admonitions DefaultAdmonitionOptions).
const ADMONITIONS = ['secondary', 'info', 'success', 'danger', 'note', 'tip', 'warning', 'important', 'caution'];

// ---- @docusaurus/utils 3.10.0, markdownUtils.js and markdownHeadingIdUtils.js

function unwrapMdxCodeBlocks(content) {
  const regexp3 = /(?<begin>^|\r?\n)(?<indentStart>\x20*)```(?<spaces>\x20*)mdx-code-block\r?\n(?<children>.*?)\r?\n(?<indentEnd>\x20*)```(?<end>\r?\n|$)/gs;
  const regexp4 = /(?<begin>^|\r?\n)(?<indentStart>\x20*)````(?<spaces>\x20*)mdx-code-block\r?\n(?<children>.*?)\r?\n(?<indentEnd>\x20*)````(?<end>\r?\n|$)/gs;
  const replacer = (substring, ...args) => {
    const groups = args.at(-1);
    return `${groups.begin}${groups.children}${groups.end}`;
  };
  return content.replaceAll(regexp3, replacer).replaceAll(regexp4, replacer);
}

function escapeMarkdownHeadingIds(content) {
  const markdownHeadingRegexp = /(?:^|\n)#{1,6}(?!#).*/g;
  return content.replaceAll(markdownHeadingRegexp, (substring) =>
    substring.replace('{#', '\\{#').replace('\\\\{#', '\\{#'));
}

function admonitionTitleToDirectiveLabel(content, keywords) {
  const directiveNameGroup = `(${keywords.join('|')})`;
  const regexp = new RegExp(
    `^(?<quote>(> ?)*)(?<indentation>( +|\t+))?(?<directive>:{3,}${directiveNameGroup}) +(?<title>.*)$`,
    'gm',
  );
  return content.replaceAll(regexp, (substring, ...args) => {
    const groups = args.at(-1);
    return `${groups.quote ?? ''}${groups.indentation ?? ''}${groups.directive}[${groups.title}]`;
  });
}

function parseMarkdownHeadingId(heading) {
  const customHeadingIdRegex = /\s*\{#(?<id>(?:.(?!\{#|\}))*.)\}$/;
  const matches = customHeadingIdRegex.exec(heading);
  if (matches) {
    return {text: heading.replace(matches[0], ''), id: matches.groups.id.trim()};
  }
  return {text: heading, id: undefined};
}

// ---- @docusaurus/mdx-loader 3.10.0, preprocessor.js

function preprocess(content, compat) {
  let out = unwrapMdxCodeBlocks(content);
  if (compat) {
    out = escapeMarkdownHeadingIds(out);
    out = admonitionTitleToDirectiveLabel(out, ADMONITIONS);
  }
  return out;
}

// ---- @docusaurus/mdx-loader 3.10.0, remark/headings/index.js

function getCommentContentHeadingId(comment) {
  const firstPart = comment.trim().split(' ')[0];
  if (firstPart?.startsWith('#')) {
    return firstPart.slice(1) || undefined;
  }
  return undefined;
}

function getCommentHeadingId(heading) {
  const lastChild = heading.children.at(-1);
  if (lastChild && lastChild.type === 'mdxTextExpression' && lastChild.data?.estree) {
    const program = lastChild.data.estree;
    if (program.body.length === 0 && program.comments?.length === 1) {
      return getCommentContentHeadingId(program.comments[0].value);
    }
  }
  if (lastChild?.type === 'html') {
    const match = /^<!--(?<comment>[\s\S]*)-->$/.exec(lastChild.value);
    if (match?.groups?.comment) {
      return getCommentContentHeadingId(match.groups.comment);
    }
  }
  return undefined;
}

function extractCommentId(heading) {
  const commentId = getCommentHeadingId(heading);
  if (commentId) {
    heading.children.pop();
    const newLast = heading.children.at(-1);
    if (newLast?.type === 'text') {
      newLast.value = newLast.value.trimEnd();
    }
    return commentId;
  }
  return undefined;
}

function extractClassicSyntaxHeadingId(heading, headingText) {
  const parsedHeading = parseMarkdownHeadingId(headingText);
  if (parsedHeading.id) {
    const lastNode = heading.children.at(-1);
    if (heading.children.length > 1) {
      const lastNodeText = parseMarkdownHeadingId(lastNode.value).text;
      if (lastNodeText) {
        lastNode.value = lastNodeText;
      } else {
        heading.children.pop();
      }
    } else {
      lastNode.value = parsedHeading.text;
    }
    return parsedHeading.id;
  }
  return undefined;
}

function headingIds(root) {
  const slugger = new GithubSlugger();
  const ids = [];
  const visit = (node) => {
    if (node.type === 'heading') {
      const textNodes = node.children.filter(({type}) => !['html', 'jsx'].includes(type));
      const id =
        extractCommentId(node) ??
        (() => {
          const headingText = toString(textNodes.length > 0 ? textNodes : node);
          return extractClassicSyntaxHeadingId(node, headingText) ?? slugger.slug(headingText, false);
        })();
      ids.push(id);
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return ids;
}

// ---- What a translation must keep

const HIDDEN = new Set(['code', 'inlineCode', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm', 'yaml', 'toml', 'html']);

function describe(root) {
  const structure = [];
  const lines = [];
  const text = [];
  const verbatim = [];
  const push = (entry, node) => {
    structure.push(entry);
    lines.push(node.position?.start.line ?? 0);
  };
  const walk = (node) => {
    let entry = node.type;
    switch (node.type) {
      case 'text':
        if (node.value.trim()) text.push(node.value.split(/\s+/).filter(Boolean).join(' '));
        return;
      case 'heading':
        entry += `[depth=${node.depth}]`;
        break;
      case 'list':
        entry += `[ordered=${node.ordered}]` + (node.ordered ? `[start=${node.start}]` : '');
        break;
      case 'listItem':
        if (node.checked !== null && node.checked !== undefined) entry += `[checked=${node.checked}]`;
        break;
      case 'table':
        entry += `[align=${(node.align ?? []).join(',')}]`;
        break;
      case 'code':
        entry += `[lang=${node.lang ?? ''}][meta=${node.meta ?? ''}]`;
        verbatim.push(node.value);
        break;
      case 'inlineCode':
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
      case 'mdxjsEsm':
        verbatim.push(node.value);
        break;
      case 'link':
        entry += `[url=${node.url}]`;
        break;
      case 'image':
        entry += `[url=${node.url}]`;
        if (node.alt) text.push(node.alt);
        break;
      case 'definition':
        entry += `[id=${node.identifier}][url=${node.url}]`;
        break;
      case 'linkReference':
      case 'imageReference':
      case 'footnoteReference':
      case 'footnoteDefinition':
        entry += `[id=${node.identifier}]`;
        break;
      case 'textDirective':
        // Docusaurus' remark/unusedDirectives: a text directive with no
        // label and no attributes (`a:b` in prose) is the text `:b` again.
        if (!node.children?.length && !Object.keys(node.attributes ?? {}).length) {
          text.push(`:${node.name}`);
          return;
        }
        entry += `:${node.name}` + attributes(node.attributes ?? {});
        break;
      case 'containerDirective':
      case 'leafDirective':
        entry += `:${node.name}` + attributes(node.attributes ?? {});
        break;
      case 'paragraph':
        if (node.data?.directiveLabel) entry += '[directiveLabel]';
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        entry = `jsx:${node.name ?? ''}`;
        for (const a of node.attributes ?? []) {
          if (a.type === 'mdxJsxExpressionAttribute') {
            entry += `[{${a.value}}]`;
            verbatim.push(a.value);
          } else if (a.value && typeof a.value === 'object') {
            entry += `[${a.name}={${a.value.value}}]`;
            verbatim.push(a.value.value);
          } else if (PROSE_ATTRIBUTES.has(a.name) && typeof a.value === 'string') {
            entry += `[${a.name}]`;
            if (a.value.trim()) text.push(a.value.split(/\s+/).filter(Boolean).join(' '));
          } else {
            entry += a.value === null || a.value === undefined ? `[${a.name}]` : `[${a.name}=${a.value}]`;
          }
        }
        break;
      default:
        break;
    }
    push(entry, node);
    if (node.children && !HIDDEN.has(node.type)) {
      node.children.forEach(walk);
    }
    if (node.children) {
      push('/' + (entry.startsWith('jsx:') ? entry.split('[')[0] : node.type), node);
    }
  };
  walk(root);
  return {structure, lines, text: text.join(' '), verbatim};
}

function attributes(attrs) {
  return Object.keys(attrs)
    .sort()
    .map((k) => (k === 'title' ? `[${k}]` : `[${k}=${attrs[k]}]`))
    .join('');
}

// ---- Main

function processorFor(compat, capture) {
  const remarkPlugins = [remarkFrontmatter, remarkDirective, remarkGfm];
  if (compat) remarkPlugins.push(remarkComment);
  remarkPlugins.push(() => (tree) => capture(tree));
  return createProcessor({format: 'mdx', remarkPlugins, providerImportSource: '@mdx-js/react'});
}

async function main() {
  const args = process.argv.slice(2);
  const compat = args.includes('--mdx1-compat');
  let pages = args.filter((a) => !a.startsWith('--'));
  if (pages.length === 0) pages = JSON.parse(readFileSync(0, 'utf8'));
  let captured = null;
  const processor = processorFor(compat, (tree) => {
    // Ids first: taking an explicit id out of a heading is part of
    // computing it, and a built page may add one the source had not.
    const ids = headingIds(tree);
    captured = {...describe(tree), ids};
  });
  const out = {};
  for (const page of pages) {
    captured = null;
    const raw = readFileSync(page, 'utf8').replace(/^\uFEFF/, '');
    const file = new VFile({value: preprocess(raw, compat), path: page});
    try {
      // As @docusaurus/utils' parseFileContentFrontMatter (the {} turns
      // gray-matter's cache off).
      let frontMatter;
      try {
        frontMatter = matter(raw, {}).data;
      } catch (e) {
        out[page] = {ok: false, error: `front matter: ${e.message}`};
        continue;
      }
      await processor.process(file);
      out[page] = {ok: true, frontMatter, ...captured};
    } catch (e) {
      const where = e.line ? `${e.line}:${e.column}: ` : '';
      out[page] = {ok: false, error: `${where}${e.reason ?? e.message}`};
    }
  }
  process.stdout.write(JSON.stringify(out));
}

await main();
