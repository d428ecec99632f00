/** A wrong or missing setting: the service stops with this one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    expectation: string,
  ) {
    super(`${variable}: ${expectation}`);
  }
}
