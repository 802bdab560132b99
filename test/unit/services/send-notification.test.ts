// The words of the "send finished" notification.
import { describe, expect, it } from 'vitest';
import { sendFinishedNotification, type SendOutcome } from '../../../main/services/send-notification.ts';

const base: SendOutcome = { batchName: 'March rollout', profileName: 'Acme EU', practice: false, accepted: 3, rejected: 0, unknown: 0, devices: 250, stopped: false };

describe('send finished notification', () => {
  it('a clean send is quiet and says what went out', () => {
    expect(sendFinishedNotification(base)).toEqual({
      title: 'Batch “March rollout” finished',
      body: '3 calls accepted (250 devices). Profile: Acme EU.',
      needsAttention: false,
    });
  });

  it('rejected or unknown calls ask for attention', () => {
    const text = sendFinishedNotification({ ...base, rejected: 1, unknown: 2 });
    expect(text.needsAttention).toBe(true);
    expect(text.title).toMatch(/needs attention/);
    expect(text.body).toMatch(/1 rejected, 2 unknown — decide before re-sending/);
  });

  it('says practice and stopped, singular counts, and shortens long names', () => {
    const text = sendFinishedNotification({ ...base, practice: true, stopped: true, accepted: 1, devices: 1, batchName: 'x'.repeat(100) });
    expect(text.title).toMatch(/stopped$/);
    expect(text.title.length).toBeLessThan(80);
    expect(text.body).toBe('1 call accepted (1 device). Profile: Acme EU (practice).');
  });
});
