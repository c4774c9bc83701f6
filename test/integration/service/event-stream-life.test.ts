import { describe, expect, it } from 'vitest';
import { tokenLifetimes } from '../../../service/auth/tokens';
import { aliceNumber, serviceSuite, testClock, until, type Session } from './helpers';

const suite = serviceSuite();

/** An open event stream that records what arrives and whether the service ended it. */
async function follow(session: Session) {
  const response = await fetch(`${session.client.service.url}/v1/events`, {
    headers: { authorization: `Bearer ${session.accessToken}` },
  });
  expect(response.status).toBe(200);
  const state = { text: '', ended: false };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const done = (async () => {
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      state.text += decoder.decode(value, { stream: true });
    }
    state.ended = true;
  })().catch(() => (state.ended = true));
  return { state, done, cancel: () => reader.cancel() };
}

describe('event streams live only as long as their sign-in', () => {
  it('ends a stream when its sign-in is signed out, and leaves another device streaming', async () => {
    const { client } = await suite.start();
    const phone = await client.login('alice@example.com');
    const laptop = await client.login('alice@example.com');
    const onPhone = await follow(phone);
    const onLaptop = await follow(laptop);
    const signOut = await client.request('POST', '/v1/auth/logout', {
      body: { refreshToken: phone.refreshToken },
    });
    expect(signOut.status).toBe(204);
    await until(async () => onPhone.state.ended, 5000, 'the phone stream to end');
    expect(onPhone.state.text).toContain(': unauthorized');
    // A fax arriving now reaches the laptop, and not the signed-out phone.
    await client.admin('inbound', { to: aliceNumber, from: '+81312345678', subject: 'Later' });
    await until(async () => onLaptop.state.text.includes('"Later"'), 5000, 'the laptop event');
    expect(onLaptop.state.ended).toBe(false);
    expect(onPhone.state.text).not.toContain('Later');
    await onLaptop.cancel();
  });

  it('ends a stream when its access token expires', async () => {
    const clock = testClock();
    const { client } = await suite.start({ now: clock.now });
    const alice = await client.login('alice@example.com');
    const stream = await follow(alice);
    await client.admin('inbound', { to: aliceNumber, from: '+81312345678', subject: 'Before' });
    await until(async () => stream.state.text.includes('"Before"'), 5000, 'the first event');
    clock.advance(tokenLifetimes.accessMs + 1000);
    await until(async () => stream.state.ended, 5000, 'the stream to end');
    expect(stream.state.text).toContain(': token_expired');
    await client.admin('inbound', { to: aliceNumber, from: '+81312345678', subject: 'After' });
    expect(stream.state.text).not.toContain('After');
  });
});
