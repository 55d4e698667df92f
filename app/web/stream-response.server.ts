/**
 * A file download whose body is produced while it is sent: the web stream pulls the next chunk only
 * when the previous one was taken, so a slow reader slows the producer instead of filling memory.
 */
export function downloadResponse(
  body: AsyncIterable<Uint8Array>,
  file: { contentType: string; filename: string },
): Response {
  const chunks = body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
  return new Response(stream, { headers: downloadHeaders(file) });
}

/**
 * A file download already whole in memory (a stored PDF or zip): the same headers as a streamed
 * one, with its length, so every download names its file and stays out of shared caches alike.
 */
export function storedFileResponse(bytes: Uint8Array, file: { contentType: string; filename: string }): Response {
  return new Response(new Uint8Array(bytes), {
    headers: { ...downloadHeaders(file), "Content-Length": String(bytes.byteLength) },
  });
}

function downloadHeaders(file: { contentType: string; filename: string }): Record<string, string> {
  return {
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(file.filename),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/** RFC 6266: a plain ASCII name for old clients, the exact UTF-8 name for the others. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
