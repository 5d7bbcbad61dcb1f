/**
 * `<name>AndPoll`: calls the operation that starts the work, then the status operation through the
 * runtime's `poll` until the status leaves the pending values (IR `Operation.poll`). Both calls go
 * through the plain generated functions, so the helper works whatever the transport does.
 */
import type CodeBlockWriter from "code-block-writer";
import type { PollArgument, PollSource } from "../../ir/poll.js";
import { commentText, jsonLiteral, propertyKey, stringLiteral } from "../../util/escape.js";
import type { ClientOperation } from "./names.js";
import { resultType } from "./operations.js";
import { PARAM_GROUPS } from "./params.js";
import { paramsRequired } from "./response-plan.js";
import type { TypeScope } from "./type-printer.js";
import { writeDoc } from "./writer.js";

/** What a poll helper needs from outside its own module. */
export interface PollNeeds {
  /** The status operation's function, and its exported result type when the signature names it. */
  statusFunction: string;
  statusResultType: string | undefined;
  /** The helper reads values with the runtime's `valueAt`. */
  valueAt: boolean;
}

/**
 * Writes `op.pollName` for an operation with `poll`; `status` is the operation it names. Returns
 * the status operation's names the module must import when it lives elsewhere.
 */
export function writePoll(
  writer: CodeBlockWriter,
  op: ClientOperation,
  status: ClientOperation,
  scope: TypeScope,
): PollNeeds {
  const poll = op.poll;
  const name = op.pollName;
  if (poll === undefined || name === undefined) throw new Error(`${op.operationId} has no poll helper`);
  const result = resultType(status, scope);
  const pending = poll.pending.map((v) => `\`${commentText(JSON.stringify(v))}\``).join(", ");
  const hint =
    poll.hintHeader === undefined ? "" : `, else the server's \`${commentText(poll.hintHeader)}\` response header`;
  writeDoc(
    writer,
    [
      `Calls {@link ${op.name}}, then {@link ${status.name}} until \`${commentText(poll.status)}\` is none of ${pending}, and returns that state.`,
      "",
      `Waits between checks: \`options.intervalMs\`${hint}, else \`DEFAULT_POLL_INTERVAL_MS\`.`,
      "",
      `@throws {PollTimeoutError} when \`options.timeoutMs\` would pass before the next check.`,
      "@throws {AbortError} when `options.signal` aborts a request or a wait.",
      "@throws {ApiError} when the server answers with an error status.",
    ].join("\n"),
  );
  const optional = paramsRequired(op) ? "" : "?";
  const usesResponse = poll.arguments.some((a) => a.source.from === "response");
  writer
    .write(`export async function ${name}(`)
    .write(`client: Client, params${optional}: ${op.typeNames.params}, options: PollOptions = {}`)
    .write(`): Promise<${result.text}> `);
  writer.inlineBlock(() => {
    const start = `${op.name}(client, params, { ...options.requestOptions, signal: options.signal })`;
    if (usesResponse) writer.writeLine(`const started = await ${start}.withResponse();`);
    else writer.writeLine(`await ${start};`);
    writer.write("return poll(").newLine();
    writer.indent(() => {
      writer.write(`(request) => ${status.name}(client, `);
      writeArguments(writer, poll.arguments);
      writer.write(", request).withResponse(),").newLine();
      const settings = [
        "...options",
        `status: ${stringLiteral(poll.status)}`,
        `pending: ${jsonLiteral(poll.pending)}`,
        ...(poll.hintHeader === undefined ? [] : [`hintHeader: ${stringLiteral(poll.hintHeader)}`]),
        `method: ${stringLiteral(status.method.toUpperCase())}`,
      ];
      writer.write(`{ ${settings.join(", ")} },`).newLine();
    });
    writer.writeLine(");");
  });
  writer.blankLine();
  return {
    statusFunction: status.name,
    statusResultType: result.exported === undefined ? undefined : result.text,
    valueAt: poll.arguments.length > 0,
  };
}

/** The status operation's params object: each parameter in its group, read with `valueAt`. */
function writeArguments(writer: CodeBlockWriter, args: readonly PollArgument[]): void {
  const groups = PARAM_GROUPS.map(([location, key]) => [key, args.filter((a) => a.in === location)] as const).filter(
    ([, members]) => members.length > 0,
  );
  if (groups.length === 0) {
    writer.write("{}");
    return;
  }
  writer.inlineBlock(() => {
    for (const [key, members] of groups) {
      writer.write(`${key}: `).inlineBlock(() => {
        for (const arg of members) writer.writeLine(`${propertyKey(arg.name)}: ${sourceExpression(arg.source)},`);
      });
      writer.write(",").newLine();
    }
  });
}

/** The TypeScript expression reading a runtime expression's value in the generated helper. */
function sourceExpression(source: PollSource): string {
  const path = (segments: readonly string[]): string => jsonLiteral(segments);
  if (source.from === "response") {
    return source.in === "header"
      ? `valueAt(started.response.headers.get(${stringLiteral(source.name)}) ?? undefined, [])`
      : `valueAt(started.data, ${path(source.pointer)})`;
  }
  if (source.in === "body") return `valueAt(params, ${path(["body", ...source.pointer])})`;
  const group = PARAM_GROUPS.find(([location]) => location === source.in)?.[1] ?? source.in;
  return `valueAt(params, ${path([group, source.name])})`;
}
