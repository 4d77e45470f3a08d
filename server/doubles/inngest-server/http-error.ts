/** An error that becomes an HTTP answer with its status and message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Reply = { status: number; body: unknown };
