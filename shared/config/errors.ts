/**
 * @module config/errors
 * How a setting that is missing or malformed stops a function at start: one error kind, and
 * the two sentences it says (`X is not set: why`, `X must be …`).
 */
export class ConfigError extends Error {
  readonly code = 'config';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function missing(name: string, why?: string): never {
  throw new ConfigError(`${name} is not set${why ? `: ${why}` : ''}`);
}

export function invalid(name: string, expected: string): never {
  throw new ConfigError(`${name} must be ${expected}`);
}
