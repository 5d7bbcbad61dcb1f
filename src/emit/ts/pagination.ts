/**
 * The function that walks an operation's pages (`paginateListAssistants`): it returns the
 * runtime's `Paginator` (templates/runtime/paginate.ts) over the operation's own function, with
 * the rule the IR states (src/ir/pagination.ts) as a literal.
 */
import type CodeBlockWriter from "code-block-writer";
import type { Pagination, PropertyPath } from "../../ir/types.js";
import { jsonLiteral } from "../../util/escape.js";
import { type DocTag, docText } from "../docs.js";
import type { ClientOperation } from "./names.js";
import { paramsRequired } from "./response-plan.js";
import { type TypeScope, writeType } from "./type-printer.js";
import { render, writeDoc } from "./writer.js";

/**
 * Writes the operation's paginate function when it has pagination; `body` is the operation
 * function's result type as its signature spells it. Returns whether it wrote one.
 */
export function writePagination(writer: CodeBlockWriter, op: ClientOperation, scope: TypeScope, body: string): boolean {
  const pagination = op.pagination;
  const name = op.paginateName;
  if (!pagination || name === undefined) return false;
  const item = render((w) => writeType(w, pagination.item, { ...scope, usage: "response" }));
  const required = paramsRequired(op);
  const access = required ? "params." : "params?.";
  const hasQuery = op.parameters.some((p) => p.in === "query");
  const tags: DocTag[] = [
    ["see", `${op.method.toUpperCase()} ${op.path}`],
    ["example", `for await (const item of ${name}(client${required ? ", params" : ""})) {}`],
  ];
  writeDoc(
    writer,
    docText(
      {
        description: [
          `Every item of {@link ${op.name}}, page after page: iterate it with \`for await\`, or call \`.pages()\` for each page with its body and response. ${describeRule(pagination)}`,
          "Each page is one call of the operation with these params and options (its `signal` aborts the pages).",
        ].join("\n\n"),
        ...(op.doc.deprecated ? { deprecated: true } : {}),
      },
      tags,
    ),
  );
  const paramsArg = `params${required ? "" : "?"}: ${op.typeNames.params}`;
  writer.write(
    `export function ${name}(client: Client, ${paramsArg}, options?: RequestOptions): Paginator<${item}, ${body}> `,
  );
  writer.inlineBlock(() => {
    writer.write("return paginate(").newLine();
    writer.indent(() => {
      const call = hasQuery
        ? `(query, pageOptions) => ${op.name}(client, { ...params, query: { ...${access}query, ...query } }, pageOptions).withResponse()`
        : `(_query, pageOptions) => ${op.name}(client, params, pageOptions).withResponse()`;
      writer.writeLine(`${call},`);
      writer.writeLine(`${jsonLiteral(ruleLiteral(pagination))},`);
      writer.writeLine(`${hasQuery ? `${access}query` : "undefined"},`);
      writer.writeLine("options,");
    });
    writer.writeLine(");");
  });
  writer.blankLine();
  return true;
}

/** The runtime's `PageRule` for the IR's pagination (the item type is the generic's). */
function ruleLiteral(pagination: Pagination): Record<string, unknown> {
  const { item: _item, source: _source, style, items, hasMore, ...rest } = pagination;
  return { style, items, ...(hasMore === undefined ? {} : { hasMore }), ...rest };
}

/** One sentence on how the pages continue and end, for the JSDoc. */
function describeRule(p: Pagination): string {
  const items = p.items.length === 0 ? "the body" : `\`${dotted(p.items)}\``;
  const ends = [
    ...(p.hasMore ? [`\`${dotted(p.hasMore)}\` is false`] : []),
    "a page is empty",
    ...(p.style === "page" && p.totalPages ? [`the page number reaches \`${dotted(p.totalPages)}\``] : []),
    ...(p.style === "offset" && p.total ? [`the offset reaches \`${dotted(p.total)}\``] : []),
  ];
  let next: string;
  switch (p.style) {
    case "cursor": {
      const sources = [
        ...(p.from ? [`the body's \`${dotted(p.from)}\``] : []),
        ...(p.itemKey ? [`the last item's \`${p.itemKey}\``] : []),
      ];
      next = `the query parameter \`${p.param}\` takes ${sources.join(", else ")}`;
      if (p.before) {
        next += ` (when the params set \`${p.before}\`, the pages run backwards instead: \`${p.before}\` takes the first item's \`${p.itemKey}\`, and the items come last first)`;
      }
      ends.push("there is no cursor");
      break;
    }
    case "page":
      next = `the query parameter \`${p.param}\` takes the next page number (the first is ${p.start} unless the params name one)`;
      break;
    case "offset":
      next = `the query parameter \`${p.param}\` takes the number of items before the page`;
      break;
    case "next-url":
      next = `the next page is the URL in \`${dotted(p.next)}\` (on the API's origin only)`;
      ends.push("there is none");
      break;
    case "link":
      next = "the next page is the URL of the `Link` header's `rel=\"next\"` (on the API's origin only)";
      ends.push("there is none");
      break;
  }
  return `Items are read from ${items}; ${next}. The pages end where ${ends.join(", or ")}.`;
}

function dotted(path: PropertyPath): string {
  return path.join(".");
}
