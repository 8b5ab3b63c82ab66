/** Where a queue starts, and where it returns once hello is done: one promise for all sockets. */
export const SETTLED: Promise<void> = Promise.resolve();

/**
 * The order in which one socket's commands run: one after another in arrival order (a client's sends
 * commit in the order it sent them), hello first. A staff socket's consecutive message.send commands
 * overlap once each append is queued (still committed in order; acks may interleave); anything else
 * waits until every one of them is answered.
 *
 * A base class of the session, not an object of its own: an idle socket pays for no extra object or
 * closure (findings.md #19), and its state is two promises, the shared SETTLED while nothing is queued.
 */
export abstract class CommandQueue {
  private chain: Promise<void> = SETTLED;
  /** Settles when every pipelined send started so far is answered. */
  private sends: Promise<void> = SETTLED;

  /**
   * The handlers answer every failure themselves; this only keeps one bug from stopping the queue (a
   * rejected chain would refuse every later command) or the process.
   */
  protected abstract unexpected(err: unknown): void;

  /** Resolves when every command received so far has been answered. */
  async idle(): Promise<void> {
    await this.chain;
    await this.sends;
  }

  /** As idle(), never rejecting: what a close waits for before it closes. */
  protected async answered(): Promise<void> {
    await this.chain.catch(() => {});
    await this.sends.catch(() => {});
  }

  protected queueHello(run: () => Promise<void>): void {
    const helloDone = (this.chain = this.chain.then(run).catch((err) => this.unexpected(err)));
    // An idle socket then holds the shared settled promise, not its own (nothing queued behind hello).
    void helloDone.then(() => {
      if (this.chain === helloDone) this.chain = SETTLED;
    });
  }

  /**
   * A staff message.send, pipelined: the next command starts once `run` calls its `queued` (its append
   * is queued), so a busy agent's sends share group commits instead of committing one per event-loop
   * turn (findings.md #2). Commit order is still send order (the store queues appends in call order).
   * Only staff: their sends name an existing conversation, while a visitor's first sends may create one
   * and must see it.
   */
  protected queuePipelined(run: (queued: () => void) => Promise<void>): void {
    const unexpected = (err: unknown) => this.unexpected(err);
    this.chain = this.chain
      .then(
        () =>
          new Promise<void>((queued) => {
            const done = run(queued).catch(unexpected).finally(queued);
            this.sends = Promise.all([this.sends, done]).then(() => undefined);
          }),
      )
      .catch(unexpected);
  }

  /** Anything else waits until every pipelined send is answered: it may depend on them. */
  protected queueInOrder(run: () => Promise<void>): void {
    this.chain = this.chain
      .then(() => this.sends)
      .then(run)
      .catch((err) => this.unexpected(err));
  }
}
