/** The PostgreSQL channel on which writes to the deploy gate's tables name the entities they changed. */
export const GATE_CHANNEL = 'reliability_gate';

/** PostgreSQL refuses a payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;

/**
 * The notifications of one write: the writer's tag on the first line, then one entity
 * reference a line (references hold no line breaks), as many payloads as the size limit
 * needs, each carrying the tag.
 */
export function gateChangePayloads(
  tag: string,
  entityRefs: string[],
): string[] {
  const payloads: string[] = [];
  let lines: string[] = [tag];
  let bytes = Buffer.byteLength(tag);
  for (const ref of entityRefs) {
    const size = Buffer.byteLength(ref) + 1;
    if (lines.length > 1 && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(lines.join('\n'));
      lines = [tag];
      bytes = Buffer.byteLength(tag);
    }
    lines.push(ref);
    bytes += size;
  }
  if (lines.length > 1) payloads.push(lines.join('\n'));
  return payloads;
}

/** A notification's tag and entities. */
export function parseGateChange(payload: string): {
  tag: string;
  entityRefs: string[];
} {
  const [tag, ...entityRefs] = payload.split('\n');
  return { tag, entityRefs: entityRefs.filter(r => r !== '') };
}
