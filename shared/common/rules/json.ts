/**
 * @module json
 * Reading a request body that has passed its signature check: malformed JSON is a value
 * (undefined) the caller answers 400 for, never an exception.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as JSON, or undefined when it is not JSON at all. */
export function jsonOf(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The body as a JSON object, or undefined when it is anything else. */
export function jsonObjectOf(body: Buffer): JsonObject | undefined {
  const value = jsonOf(body);
  return isJsonObject(value) ? value : undefined;
}
