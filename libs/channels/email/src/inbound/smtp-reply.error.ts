// An SMTP refusal: smtp-server answers with `responseCode` and the message. 4xx tells the sending server to
// retry later (its queue keeps the mail); 5xx bounces it to the sender with the reason.

export class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpReplyError';
  }
}

export const SmtpRefusal = {
  unknownRecipient: () => new SmtpReplyError(550, 'No such mailbox here'),
  tooLarge: (maxBytes: number) =>
    new SmtpReplyError(552, `Message exceeds the maximum size of ${maxBytes} bytes`),
  malformed: (reason: string) => new SmtpReplyError(550, `Malformed message: ${reason}`),
  overloaded: () => new SmtpReplyError(452, 'Too much mail is waiting to be routed; try again later'),
  unavailable: () => new SmtpReplyError(451, 'Temporary local failure; try again later'),
} as const;
