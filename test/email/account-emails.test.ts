// The account emails' queue (src/email/account-emails.ts) on its own: it sends in the background, retries
// a failed send, gives up and logs after its attempts, and drops (and logs) what does not fit.
import { describe, expect, it, vi } from 'vitest';
import { accountEmailQueue, type AccountEmailOptions } from '../../src/email/account-emails.js';

/** A queue on a stand-in transport (nodemailer's sendMail has overloads a mock does not meet) and views. */
function queueWith(sendMail: (mail: object) => Promise<unknown>, extra: Partial<AccountEmailOptions> = {}) {
  const log = { warn: vi.fn(), error: vi.fn() };
  const queue = accountEmailQueue({
    transport: { sendMail: sendMail as AccountEmailOptions['transport']['sendMail'] },
    publicUrl: new URL('http://forum.test'),
    forumName: 'Bryggan',
    defaultLocale: 'sv',
    views: { render: (name, data) => `${name}: ${JSON.stringify(data)}` },
    log,
    retryMs: 1,
    ...extra,
  });
  return { queue, log };
}

const reset = { to: 'anna@example.test', locale: 'en' as const, template: 'passwordReset' as const, link: '/password/reset/abc', values: { name: 'Anna' } };

describe('the account emails queue', () => {
  it('sends in the recipient’s language with the forum in the subject and the link made absolute', async () => {
    const sendMail = vi.fn().mockResolvedValue({});
    const { queue } = queueWith(sendMail);
    queue.send(reset);
    await queue.idle();
    expect(sendMail).toHaveBeenCalledTimes(1);
    const mail = sendMail.mock.calls[0]![0];
    expect(mail).toMatchObject({ to: 'anna@example.test', subject: 'Bryggan: choose a new password' });
    expect(mail.text).toContain('http://forum.test/password/reset/abc');
  });

  it('retries a failed send, and gives up with a log line after three attempts', async () => {
    const flaky = vi.fn().mockRejectedValueOnce(new Error('421 try later')).mockResolvedValue({});
    const first = queueWith(flaky);
    first.queue.send(reset);
    await first.queue.idle();
    expect(flaky).toHaveBeenCalledTimes(2);
    expect(first.log.error).not.toHaveBeenCalled();

    const broken = vi.fn().mockRejectedValue(new Error('connection refused'));
    const second = queueWith(broken);
    second.queue.send(reset);
    await second.queue.idle();
    expect(broken).toHaveBeenCalledTimes(3);
    expect(second.log.error).toHaveBeenCalledWith(expect.objectContaining({ template: 'passwordReset', attempts: 3 }), 'account email: giving up');
  });

  it('returns at once and drops what does not fit in the queue', async () => {
    let release: () => void = () => undefined;
    const slow = vi.fn(() => new Promise<object>((resolve) => (release = () => resolve({}))));
    const { queue, log } = queueWith(slow, { maxQueued: 1 });
    queue.send(reset); // taken at once by the sender, which waits on the server
    queue.send(reset); // waits in the queue
    queue.send(reset); // does not fit
    expect(log.error).toHaveBeenCalledWith({ template: 'passwordReset' }, 'account email: the queue is full; dropped');
    release();
    await vi.waitFor(() => expect(slow).toHaveBeenCalledTimes(2));
    release();
    await queue.idle();
    expect(slow).toHaveBeenCalledTimes(2);
  });
});
