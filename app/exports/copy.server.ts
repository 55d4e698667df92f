/**
 * The CSV of a large table written by the database itself, with `COPY (SELECT …) TO …` (decision
 * 0031): PostgreSQL's own CSV writer quotes exactly as csv.ts does (a field holding a comma, a quote
 * or a line break), so the bytes are the ones the JavaScript writer would produce once three
 * differences are taken out:
 *
 * - COPY ends records with LF: the app turns each record's end (not a line break inside a quoted
 *   field) into CRLF;
 * - COPY quotes an empty string ("") to tell it from NULL: every text cell is `nullif(…, '')`;
 * - booleans, timestamps, the pseudonym and the formula escape are written by the query, as the
 *   table's field types say (one definition of the columns for every format: tables.server.ts).
 *
 * On PostgreSQL one `COPY … TO STDOUT` streams the whole table (pg-copy-streams), the server
 * computing the pseudonym (participant-key.server.ts) and the timestamps; the socket's back-pressure
 * holds it when the client lags. On PGlite, which has no COPY stream, the rows come batch by batch
 * (keyset on the table's first column, an id) through `COPY … TO '/dev/blob'`; there the pseudonym
 * and the timestamps are cheaper in JavaScript (a member's votes come in a run, so a small cache
 * spares most hashes) than in the WebAssembly build's SQL, so the records are rewritten field by field.
 */
import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { participantKeySql } from "~/exports/participant-key.server";
import {
  participantField,
  type ExportContext,
  type ExportField,
  type ExportTable,
  type FieldType,
} from "~/exports/tables.server";
import { columnLetters, DATE_STYLE, DATETIME_STYLE, isPlainCellText } from "~/exports/xlsx";

type Client = { kind: "server"; pool: pg.Pool } | { kind: "embedded"; client: PGlite };

/** The driver behind a Drizzle database; null for anything else (a transaction): the caller falls back. */
function clientOf(db: unknown): Client | null {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) return { kind: "server", pool: client };
  if (client instanceof PGlite) return { kind: "embedded", client };
  return null;
}

/** Whether `table` can be written by COPY on this database. */
export function canCopy(table: ExportTable, context: ExportContext): boolean {
  return table.rowsById !== undefined && context.secret !== undefined && clientOf(context.db) !== null;
}

const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"].map((c) => `'${c}'`).join(", ");

/** How a field's cell is written by the query; on PGlite the pseudonym and timestamps are left to `rewrite`. */
function cellSql(field: ExportField, kind: Client["kind"], context: ExportContext, escapeFormulas: boolean): SQL {
  if (field === participantField) return kind === "server" ? sql`t.participant_key` : sql`t.user_id`;
  const column = sql`t.${sql.identifier(field.name)}`;
  switch (field.type) {
    case "string": {
      const text = sql`nullif(${column}::text, '')`;
      return escapeFormulas
        ? sql`case when left(${text}, 1) in (${sql.raw(FORMULA_STARTS)}) then '''' || ${text} else ${text} end`
        : text;
    }
    case "boolean":
      return sql`case when ${column} then 'true' when not ${column} then 'false' end`;
    case "datetime":
      return kind === "server"
        ? sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
        : sql`(${column} at time zone 'UTC')`;
    case "date":
      return sql`to_char(${column}, 'YYYY-MM-DD')`;
    default:
      return column;
  }
}

/** The COPY statement's text: COPY takes no parameters, so they are written in as literals. */
function copyText(
  table: ExportTable,
  context: ExportContext,
  kind: Client["kind"],
  escapeFormulas: boolean,
  after: number,
  limit: number | null,
  target: string,
): string {
  const cells = table.fields.map((field) => cellSql(field, kind, context, escapeFormulas));
  const rows = table.rowsById!(context, after, limit);
  const query = sql`copy (select ${sql.join(cells, sql`, `)} from (${kind === "server" ? withParticipantKeys(table, context, rows) : rows}) t)
    to ${sql.raw(target)} with (format csv)`;
  return new PgDialect().sqlToQuery(query.inlineParams()).sql;
}

/**
 * The rows with their pseudonym as `participant_key`, hashed once per participant rather than per
 * row: PostgreSQL caches a lateral subquery's result by its parameter (a Memoize node, bounded by
 * work_mem), and a member's ten votes then cost one HMAC instead of ten, which was most of the
 * server's time for a votes export. `offset 0` keeps the subquery from being folded into the
 * select list, where nothing would be cached. A table without participants is left as it is.
 */
function withParticipantKeys(table: ExportTable, context: ExportContext, rows: SQL): SQL {
  if (!table.fields.includes(participantField)) return rows;
  const key = participantKeySql(context.secret!, context.consultationId, sql`r.user_id`);
  return sql`select r.*, k.participant_key from (${rows}) r
    left join lateral (select ${key} as participant_key offset 0) k on true`;
}

/** The records of `table` as CSV bytes (no header), CRLF-terminated, in the table's field order. */
export async function* copyCsv(
  table: ExportTable,
  context: ExportContext,
  options: { escapeFormulas: boolean },
): AsyncGenerator<Buffer> {
  const client = clientOf(context.db);
  if (!client || !table.rowsById) throw new Error(`${table.name}: not written by COPY here`);
  if (client.kind === "server") {
    const records = new RecordEnds();
    const text = copyText(table, context, "server", options.escapeFormulas, 0, null, "stdout");
    yield* serverCopy(client.pool, text, { chunk: (chunk) => records.crlf(chunk), end: () => records.flush() });
  } else yield* embeddedCopy(client.client, table, context, options.escapeFormulas);
}

/** How a COPY stream's chunks become the file's bytes: each chunk, then what is left at the end. */
interface ChunkRewrite {
  chunk: (chunk: Buffer) => Buffer;
  end: () => Buffer;
}

async function* serverCopy(pool: pg.Pool, text: string, rewriter: ChunkRewrite): AsyncGenerator<Buffer> {
  const connection = await pool.connect();
  let finished = false;
  const stream = connection.query(copyTo(text));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const out = rewriter.chunk(chunk);
      if (out.length > 0) yield out;
    }
    const rest = rewriter.end();
    if (rest.length > 0) yield rest;
    finished = true;
  } finally {
    // A download abandoned (or failed) halfway leaves the connection inside a COPY: it is closed, not reused.
    if (!finished) stream.destroy();
    connection.release(finished ? undefined : true);
  }
}

async function* embeddedCopy(
  client: PGlite,
  table: ExportTable,
  context: ExportContext,
  escapeFormulas: boolean,
): AsyncGenerator<Buffer> {
  const plan = table.fields.map((field) =>
    field === participantField ? PARTICIPANT : field.type === "datetime" ? TIMESTAMP : COPIED,
  );
  let after = 0;
  for (;;) {
    const text = copyText(table, context, "embedded", escapeFormulas, after, context.batchSize, "'/dev/blob'");
    const result = await client.query(text);
    const input = Buffer.from((await result.blob?.arrayBuffer()) ?? new ArrayBuffer(0));
    const batch = rewrite(input, plan, context.participantKey);
    if (batch.records > 0) yield batch.output;
    if (batch.records < context.batchSize) return;
    after = batch.lastId;
  }
}

/** Field types whose sheet cells the database writes exactly as xlsx.ts does ("number" it would write otherwise). */
const SHEET_TYPES: ReadonlySet<FieldType> = new Set(["string", "integer", "boolean", "datetime", "date"]);

/** Whether `table`'s sheet rows can be written by the database: on PostgreSQL, where COPY streams. */
export function canCopySheet(table: ExportTable, context: ExportContext): boolean {
  return (
    canCopy(table, context) &&
    clientOf(context.db)?.kind === "server" &&
    table.fields.every((field) => SHEET_TYPES.has(field.type))
  );
}

/**
 * What xlsx.ts's escapeText does, in SQL: characters XML cannot hold left out, CR LF and CR to LF,
 * &, < and > escaped, LF as `&#10;`. A row thus never spans lines, and COPY (CSV with control
 * characters, which are left out, as delimiter and quote) never quotes it.
 */
// PostgreSQL's regular expressions read these escapes themselves, hence String.raw.
const XML_FORBIDDEN = sql.raw(String.raw`'[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]'`);
const CR_LF_OR_CR = sql.raw(String.raw`'\r\n?'`);
const SQL_LF = sql.raw(String.raw`E'\n'`);
const NOT_PLAIN_TEXT = sql.raw(String.raw`'[&<>\r\n\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]'`);
// Most cells (a vote's value, a channel, a language) need nothing: one test spares them the chain.
const sqlXmlText = (text: SQL) =>
  sql`case when ${text} !~ ${NOT_PLAIN_TEXT} then ${text} else replace(replace(replace(replace(regexp_replace(regexp_replace(${text}, ${XML_FORBIDDEN}, '', 'g'), ${CR_LF_OR_CR}, ${SQL_LF}, 'g'), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), ${SQL_LF}, '&#10;') end`;

/** JavaScript's `\s`, which xlsx.ts tests for `xml:space="preserve"`, as a regular-expression class. */
const JS_SPACE = String.raw`[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]`;

/**
 * A field's cell as xlsx.ts's `cell` writes it; NULL (an empty cell) becomes ''. `t.xlsx_row` is
 * the row's number as text, converted once for all its cells. Per row, the regular expressions of a
 * text cell and EXTRACT's numeric arithmetic were two fifths of the server's time (bench:export): a value
 * from a list needing no escape (a PostgreSQL enum, which export-sheet-copy.test.ts checks) skips
 * them, and a timestamp's seconds come as a double (date_part): correctly rounded, so its floor is
 * the floor of the exact value EXTRACT gave, and the serial date the same.
 */
function sheetCellSql(field: ExportField, index: number): SQL {
  const column = sql`t.${sql.identifier(field.name)}`;
  const start = sql.raw(`'<c r="${columnLetters(index)}' || t.xlsx_row || '"`);
  const value = (attributes: string, text: SQL) =>
    sql`coalesce(${start}${sql.raw(attributes)}><v>' || (${text})::text || '</v></c>', '')`;
  const inline = (text: SQL, space: SQL) =>
    sql`coalesce(${start} t="inlineStr"><is><t' || ${space} || '>' || ${text} || '</t></is></c>', '')`;
  // A pseudonym is hex: nothing to escape, no edge spaces.
  if (field === participantField) return inline(sql`t.participant_key`, sql`''`);
  switch (field.type) {
    case "integer":
      return value("", column);
    case "boolean":
      return value(' t="b"', sql`${column}::int`);
    case "datetime":
      // To the whole second, as exports write timestamps; then JavaScript's own arithmetic in doubles.
      return value(` s="${DATETIME_STYLE}"`, sql`(floor(date_part('epoch', ${column})) * 1000) / 86400000 + 25569`);
    case "date":
      return value(` s="${DATE_STYLE}"`, sql`${column} - date '1899-12-30'`);
    default: {
      const text = sql`${column}::text`;
      if (field.constraints?.enum.every(isPlainCellText)) return inline(text, sql`''`);
      const edge = sql.raw(`'^${JS_SPACE}|${JS_SPACE}$'`);
      return inline(sqlXmlText(text), sql`case when ${text} ~ ${edge} then ' xml:space="preserve"' else '' end`);
    }
  }
}

/**
 * The sheet's data rows as xlsx.ts writes them (`<row r="2">…</row>…`), written by PostgreSQL and
 * streamed with `COPY … TO STDOUT`: the row objects, the pseudonyms and the XML never pass through
 * JavaScript, which only drops COPY's line feed after each row.
 */
export async function* copySheetRows(table: ExportTable, context: ExportContext): AsyncGenerator<Buffer> {
  const client = clientOf(context.db);
  if (client?.kind !== "server" || !table.rowsById) throw new Error(`${table.name}: sheet not written by COPY here`);
  const cells = table.fields.map((field, index) => sheetCellSql(field, index));
  const id = sql.identifier(table.fields[0]!.name);
  const query = sql`copy (select '<row r="' || t.xlsx_row || '">' || ${sql.join(cells, sql` || `)} || '</row>'
    from (select s.*, (row_number() over (order by s.${id}) + 1)::text as xlsx_row
      from (${withParticipantKeys(table, context, table.rowsById(context, 0, null))}) s) t order by t.${id})
    to stdout with (format csv, delimiter e'\\x02', quote e'\\x01')`;
  const text = new PgDialect().sqlToQuery(query.inlineParams()).sql;
  yield* serverCopy(client.pool, text, { chunk: withoutLineFeeds, end: () => Buffer.alloc(0) });
}

/** A chunk without its LF bytes: a sheet row holds none of its own (`&#10;`), so each is COPY's record end. */
function withoutLineFeeds(chunk: Buffer): Buffer {
  let at = chunk.indexOf(LF);
  if (at < 0) return chunk;
  const out = Buffer.allocUnsafe(chunk.length);
  let to = 0;
  let from = 0;
  for (; at >= 0; at = chunk.indexOf(LF, from)) {
    to += chunk.copy(out, to, from, at);
    from = at + 1;
  }
  to += chunk.copy(out, to, from);
  return out.subarray(0, to);
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * LF record ends to CRLF across the chunks of a COPY stream, line breaks inside quoted fields kept.
 * Each chunk given out holds whole records: a record cut by the network waits for its end.
 */
export class RecordEnds {
  private pending: Buffer = Buffer.alloc(0);

  crlf(chunk: Buffer): Buffer {
    const input = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const ends: number[] = [];
    let quoted = false;
    let position = 0;
    let nextQuote = input.indexOf(QUOTE);
    let nextLf = input.indexOf(LF);
    while (position < input.length) {
      if (quoted) {
        if (nextQuote < 0) break;
        quoted = false;
        position = nextQuote + 1;
        nextQuote = input.indexOf(QUOTE, position);
        if (nextLf >= 0 && nextLf < position) nextLf = input.indexOf(LF, position);
        continue;
      }
      if (nextQuote >= 0 && (nextLf < 0 || nextQuote < nextLf)) {
        quoted = true;
        position = nextQuote + 1;
        nextQuote = input.indexOf(QUOTE, position);
        continue;
      }
      if (nextLf < 0) break;
      ends.push(nextLf);
      position = nextLf + 1;
      nextLf = input.indexOf(LF, position);
    }
    const complete = ends.length === 0 ? 0 : ends[ends.length - 1]! + 1;
    this.pending = input.subarray(complete);
    const out = Buffer.allocUnsafe(complete + ends.length);
    let from = 0;
    let to = 0;
    for (const end of ends) {
      to += input.copy(out, to, from, end);
      out[to++] = CR;
      out[to++] = LF;
      from = end + 1;
    }
    return out;
  }

  /** What is left at the end of the stream: nothing, since COPY ends every record. */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}

export const COPIED = 0;
export const PARTICIPANT = 1;
export const TIMESTAMP = 2;
export type Plan = typeof COPIED | typeof PARTICIPANT | typeof TIMESTAMP;

/** Where the field starting at `start` ends (the comma or LF after it). */
function fieldEnd(input: Buffer, start: number): number {
  if (input[start] === QUOTE) {
    let position = start + 1;
    for (;;) {
      const quote = input.indexOf(QUOTE, position);
      if (quote < 0) throw new Error("COPY output: unterminated quoted field");
      if (input[quote + 1] === QUOTE) position = quote + 2;
      else return quote + 1;
    }
  }
  let position = start;
  while (position < input.length) {
    const byte = input[position];
    if (byte === COMMA || byte === LF) return position;
    position++;
  }
  return position;
}

/** A quoted field's text (COPY quotes an id only if it holds a comma, a quote or a line break). */
function fieldText(input: Buffer, start: number, end: number): string {
  if (input[start] !== QUOTE) return input.toString("utf8", start, end);
  return input.toString("utf8", start + 1, end - 1).replaceAll('""', '"');
}

/** Whether `input` holds the same bytes at `a` and at `b` over `length` bytes. */
function sameBytes(input: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (input[a + i] !== input[b + i]) return false;
  return true;
}

/**
 * Whole records of an embedded COPY, rewritten: the participant's account id becomes its
 * pseudonym, `2026-12-05 09:30:00.123456` (a UTC timestamp without zone, ISO style) becomes
 * `2026-12-05T09:30:00Z`, LF becomes CRLF; other fields are copied as they are.
 *
 * Written for speed, since it sees every byte of a large export: short fields are copied byte by
 * byte as they are scanned (a `Buffer.copy` per field cost more than the bytes themselves), long
 * quoted ones in one copy; a participant whose id is the previous record's (a member's votes come
 * in a run) gets the previous pseudonym's bytes again, without a string or a lookup.
 */
export function rewrite(
  input: Buffer,
  plan: readonly Plan[],
  participantKey: (userId: string) => string,
): { output: Buffer; records: number; lastId: number } {
  // A record grows by at most a pseudonym (32 bytes) for an account id, a byte for a timestamp
  // without a fraction of a second ("…:00" to "…:00Z") and its CR.
  const widening = plan.reduce((sum: number, p) => sum + (p === PARTICIPANT ? 32 : p === TIMESTAMP ? 1 : 0), 1);
  let lines = 0;
  for (let i = input.indexOf(LF); i >= 0; i = input.indexOf(LF, i + 1)) lines++;
  const output = Buffer.allocUnsafe(input.length + lines * widening);
  const length = input.length;
  let to = 0;
  let position = 0;
  let count = 0;
  let lastStart = 0;
  // The previous participant's id in `input` and its pseudonym in `output`.
  let idStart = -1;
  let idLength = 0;
  let keyStart = 0;
  let keyLength = 0;
  while (position < length) {
    lastStart = position;
    for (let f = 0; f < plan.length; f++) {
      const kind = plan[f];
      if (kind === COPIED) {
        if (input[position] === QUOTE) {
          const end = fieldEnd(input, position);
          to += input.copy(output, to, position, end);
          position = end;
        } else {
          for (
            let byte = input[position];
            position < length && byte !== COMMA && byte !== LF;
            byte = input[++position]
          ) {
            output[to++] = byte!;
          }
        }
      } else {
        const end = fieldEnd(input, position);
        if (kind === PARTICIPANT && end > position) {
          if (end - position === idLength && sameBytes(input, idStart, position, idLength)) {
            for (let i = 0; i < keyLength; i++) output[to + i] = output[keyStart + i]!;
          } else {
            idStart = position;
            idLength = end - position;
            keyStart = to;
            keyLength = output.write(participantKey(fieldText(input, position, end)), to, "latin1");
          }
          to += keyLength;
        } else if (kind === TIMESTAMP && end > position) {
          if (end - position < 19 || input[position + 10] !== 0x20) {
            throw new Error(`COPY output: unexpected timestamp ${input.toString("utf8", position, end)}`);
          }
          for (let i = 0; i < 10; i++) output[to++] = input[position + i]!;
          output[to++] = 0x54; // T
          for (let i = 11; i < 19; i++) output[to++] = input[position + i]!;
          output[to++] = 0x5a; // Z
        }
        position = end;
      }
      if (f < plan.length - 1) output[to++] = COMMA;
      position++;
    }
    output[to++] = CR;
    output[to++] = LF;
    count++;
  }
  let lastId = 0;
  for (let i = lastStart; i < length && input[i] !== COMMA; i++) lastId = lastId * 10 + (input[i]! - 0x30);
  return { output: output.subarray(0, to), records: count, lastId };
}
